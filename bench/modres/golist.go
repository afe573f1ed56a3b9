package modres

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/benchrig/benchrig/internal/child"
)

// listPackage is the part of `go list -json` output that is kept.
type listPackage struct {
	ImportPath string
	Dir        string
	Error      *struct{ Err string }
}

// listFields are the fields golist asks go list for: those go/packages asks
// for with packages' load mode (NeedName|NeedFiles|NeedImports|NeedDeps|
// NeedModule). A bare -json asks for every field, Stale included, and to
// compute Stale go list runs the build's action graph: it hashes every
// source file of every package for its build ID, which is a no-op build's
// work, not resolution's (cmd/go/internal/list, needStale). Editors and
// tools name their fields; so does golist.
const listFields = "Name,ImportPath,Error,Dir,GoFiles,CgoFiles,IgnoredGoFiles,DepOnly,Imports,ImportMap,Module"

// listArgs is golist's go list command line after "go".
func listArgs(mode string) []string {
	return []string{"list", "-mod=" + mode, "-deps", "-json=" + listFields, "./..."}
}

// runGoList runs `go list -mod=mode -deps -json=<listFields> ./...` in the
// main module and decodes its JSON stream.
func runGoList(goPath string, s *setup, mode string) (result, error) {
	cmd := child.Command(goPath, listArgs(mode)...)
	cmd.Dir = s.Tree.MainDir
	cmd.Env = s.Env
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return result{}, fmt.Errorf("go list in %s: %w", cmd.Dir, err)
	}
	if err := child.Start(cmd); err != nil {
		return result{}, fmt.Errorf("go list in %s: %w", cmd.Dir, err)
	}
	pkgs, decodeErr := decodeList(stdout)
	if err := child.Wait(cmd); err != nil {
		return result{}, fmt.Errorf("go %s in %s: %w\n%s", strings.Join(listArgs(mode), " "), cmd.Dir, err, stderr.Bytes())
	}
	if decodeErr != nil {
		return result{}, fmt.Errorf("go list -mod=%s in %s: %w", mode, cmd.Dir, decodeErr)
	}
	if len(pkgs) == 0 {
		return result{}, fmt.Errorf("go %s in %s printed no packages", strings.Join(listArgs(mode), " "), cmd.Dir)
	}
	r := usageOf(cmd)
	r.Packages = pkgs
	return r, nil
}

// decodeList decodes a `go list -json` stream to its end. The first
// decoding error or package error is returned; the rest of the stream is
// drained so the child can finish writing.
func decodeList(r io.Reader) ([]pkg, error) {
	var pkgs []pkg
	var firstErr error
	dec := json.NewDecoder(bufio.NewReader(r))
	for {
		var p listPackage
		if err := dec.Decode(&p); err == io.EOF {
			return pkgs, firstErr
		} else if err != nil {
			_, _ = io.Copy(io.Discard, r)
			return pkgs, fmt.Errorf("decode go list -json output after %d packages: %w", len(pkgs), err)
		}
		if p.Error != nil && firstErr == nil {
			firstErr = fmt.Errorf("package %s: %s", p.ImportPath, p.Error.Err)
		}
		pkgs = append(pkgs, pkg{p.ImportPath, p.Dir})
	}
}
