package modres

import (
	"fmt"
	"strings"

	"github.com/benchrig/benchrig/fixtures"
)

// PLACEHOLDER until fixtures has named presets: at that merge, presetSpec
// becomes fixtures.Preset and presetNames fixtures.PresetNames, and this
// file goes. Until then "small" is the tree the run used for 10 modules and
// "service" the one for 100; neither has the realistic shape yet.

// presetSpec returns the Spec of the preset tree name.
func presetSpec(name string) (fixtures.Spec, error) {
	switch name {
	case "small":
		return legacySpec(10), nil
	case "service":
		return legacySpec(100), nil // placeholder for the realistic preset
	}
	return fixtures.Spec{}, fmt.Errorf("unknown preset %q; presets are %s", name, strings.Join(presetNames(), ", "))
}

// presetNames lists the presets, in the order doc.go gives them.
func presetNames() []string { return []string{"small", "service"} }

// legacySpec is the tree the run generated for n dependency modules before
// trees had names.
func legacySpec(n int) fixtures.Spec {
	const packagesPerModule = 2
	return fixtures.Spec{
		Seed:              1,
		Modules:           n,
		Depth:             min(4, n),
		PackagesPerModule: packagesPerModule,
		FilesPerPackage:   4,
		BytesPerFile:      2048,
		ImportsPerPackage: min(3, n*packagesPerModule), // a package cannot import more than exist
	}
}
