package modres

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"github.com/benchrig/benchrig/internal/child"
)

// listPackage is the part of `go list -json` output that is kept.
type listPackage struct {
	ImportPath string
	Dir        string
	Error      *struct{ Err string }
}

// runGoList runs `go list -mod=mode -deps -json ./...` in the main module and
// decodes its JSON stream.
func runGoList(goPath string, s *setup, mode string) (result, error) {
	cmd := child.Command(goPath, "list", "-mod="+mode, "-deps", "-json", "./...")
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
		return result{}, fmt.Errorf("go list -mod=%s -deps -json ./... in %s: %w\n%s", mode, cmd.Dir, err, stderr.Bytes())
	}
	if decodeErr != nil {
		return result{}, fmt.Errorf("go list -mod=%s in %s: %w", mode, cmd.Dir, decodeErr)
	}
	if len(pkgs) == 0 {
		return result{}, fmt.Errorf("go list -mod=%s -deps -json ./... in %s printed no packages", mode, cmd.Dir)
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
