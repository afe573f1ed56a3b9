package report

import (
	_ "embed"
	"fmt"
	"slices"
)

// ShippedName is the name the shipped reference goes by in messages and
// on the page.
const ShippedName = "benchrig's shipped reference"

//go:embed reference.txt
var shipped []byte

// Shipped is the shipped reference: benchrig's own run of the default
// suite at -count 6 on a quiet 2-vCPU VM (docs/validation.md says how it
// was made). benchrig report compares a single file with it, and benchrig
// run's summary compares the run with it.
func Shipped() Input { return Input{Name: ShippedName, Data: shipped} }

// refWhy says why the reference machine is the reference.
func refWhy(d *Data, ref string) string {
	switch {
	case ref == ShippedName || ref == "" && d.Files[0].Name == ShippedName:
		version := "unknown"
		for _, m := range d.Machines {
			if slices.Contains(m.Files, ShippedName) {
				version = m.Value("benchrig")
			}
		}
		return fmt.Sprintf("%s, benchrig %s's own run of the default suite on a quiet 2-vCPU VM; choose another with -ref FILE", ShippedName, version)
	case ref == "":
		return "the first file's machine; choose another with -ref FILE"
	default:
		return "chosen with -ref"
	}
}
