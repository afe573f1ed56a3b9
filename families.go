// Package benchrig holds what each benchmark family under bench/ declares
// for the tools that read its results: bench/<family>/family.toml, the
// benchmark its rows start with, the units it is compared in and what the
// report says about it (go doc ./bench, "What the report says"). The files
// are embedded here, at the module root, so a new family's file is picked
// up by its folder alone; internal/report reads them.
package benchrig

import (
	"embed"
	"fmt"

	"github.com/BurntSushi/toml"
)

// FamilyFiles holds bench/*/family.toml.
//
//go:embed bench/*/family.toml
var FamilyFiles embed.FS

// ClaimRows returns the rows the claims of family (its folder name under
// bench/) are judged from in a claims run: each claim's Measure, else its
// Rows, else the first set of its Try, and its Optional rows, as key=value
// lists ("key=" matches a row
// without the key). A claims run (BENCHRIG_CLAIMS=1) runs the cells that
// match one of them and no others.
func ClaimRows(family string) ([][]string, error) {
	data, err := FamilyFiles.ReadFile("bench/" + family + "/family.toml")
	if err != nil {
		return nil, fmt.Errorf("claims of family %s: %w", family, err)
	}
	var decl struct {
		Claim []struct {
			Rows     [][]string   `toml:"rows"`
			Try      [][][]string `toml:"try"`
			Optional [][]string   `toml:"optional"`
			Measure  [][]string   `toml:"measure"`
		} `toml:"claim"`
	}
	if _, err := toml.Decode(string(data), &decl); err != nil {
		return nil, fmt.Errorf("bench/%s/family.toml: %w", family, err)
	}
	var rows [][]string
	for _, c := range decl.Claim {
		switch {
		case len(c.Measure) > 0:
			rows = append(rows, c.Measure...)
		case len(c.Rows) > 0:
			rows = append(rows, c.Rows...)
		case len(c.Try) > 0:
			rows = append(rows, c.Try[0]...)
		}
		rows = append(rows, c.Optional...)
	}
	return rows, nil
}
