// Package benchrig holds what each benchmark family under bench/ declares
// for the tools that read its results: bench/<family>/family.toml, the
// benchmark its rows start with, the units it is compared in and what the
// report says about it (go doc ./bench, "What the report says"). The files
// are embedded here, at the module root, so a new family's file is picked
// up by its folder alone; internal/report reads them.
package benchrig

import "embed"

// FamilyFiles holds bench/*/family.toml.
//
//go:embed bench/*/family.toml
var FamilyFiles embed.FS
