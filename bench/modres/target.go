package modres

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"

	"github.com/benchrig/benchrig/fixtures"
)

// target is what build and rebuild act on in a tree's main module.
type target struct {
	MainPkg string // import path of the main package build links; "" when the module has none
	Leaf    string // absolute path of the file rebuild edits; "" with MainPkg
}

// listedPkg is the part of `go list -json` output findTarget reads.
type listedPkg struct {
	ImportPath string
	Name       string
	Dir        string
	GoFiles    []string
	Imports    []string
	DepOnly    bool
	Module     *struct {
		Path string
		Main bool
	}
}

// findTarget picks, with go list in mod mode, the main package build links
// and the file rebuild edits, the same way for every tree:
//
//   - the main package: the module root when it is package main, else the
//     first package main of the main module in import-path order;
//   - the leaf: among the main module's packages the main package imports
//     directly or indirectly (itself included), those that import no other
//     package of the main module; the first in import-path order, and its
//     last Go file (go list's GoFiles order: sorted, no tests, no cgo).
//
// A module without a main package gets the zero target.
func findTarget(tree *fixtures.Tree, env []string) (target, error) {
	out, err := tree.Go(env, "list", "-mod=mod", "-deps", "-json=ImportPath,Name,Dir,GoFiles,Imports,DepOnly,Module", "./...")
	if err != nil {
		return target{}, err
	}
	byPath := map[string]*listedPkg{}
	var mains []string
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		p := new(listedPkg)
		if err := dec.Decode(p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return target{}, fmt.Errorf("decode go list -json output in %s: %w", tree.MainDir, err)
		}
		if p.Module == nil || !p.Module.Main {
			continue
		}
		byPath[p.ImportPath] = p
		if p.Name == "main" && !p.DepOnly {
			mains = append(mains, p.ImportPath)
		}
	}
	if len(mains) == 0 {
		return target{}, nil
	}
	slices.Sort(mains)
	main := mains[0]
	if slices.Contains(mains, tree.MainModule) {
		main = tree.MainModule
	}
	leaf := leafOf(byPath, main)
	if leaf == "" {
		return target{}, fmt.Errorf("go list in %s: no package of the main module reached from %s has a Go file to edit", tree.MainDir, main)
	}
	return target{MainPkg: main, Leaf: leaf}, nil
}

// leafOf returns the last Go file of the first leaf package (see
// findTarget) reached from main in the main module's packages byPath.
func leafOf(byPath map[string]*listedPkg, main string) string {
	seen := map[string]bool{main: true}
	queue := []string{main}
	var leaves []string
	for len(queue) > 0 {
		p := byPath[queue[0]]
		queue = queue[1:]
		leaf := true
		for _, imp := range p.Imports {
			if _, ok := byPath[imp]; !ok {
				continue
			}
			leaf = false
			if !seen[imp] {
				seen[imp] = true
				queue = append(queue, imp)
			}
		}
		if leaf && len(p.GoFiles) > 0 {
			leaves = append(leaves, p.ImportPath)
		}
	}
	if len(leaves) == 0 {
		return ""
	}
	slices.Sort(leaves)
	p := byPath[leaves[0]]
	return filepath.Join(p.Dir, p.GoFiles[len(p.GoFiles)-1])
}
