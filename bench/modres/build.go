package modres

import (
	"fmt"

	"github.com/benchrig/benchrig/internal/child"
)

// runBuild runs `go build -mod=mode ./...` in the main module. With several
// packages go build writes nothing: it compiles into GOCACHE and discards the
// result. (-o /dev/null would be accepted but is the same as no -o.)
func runBuild(goPath string, s *setup, mode string) (result, error) {
	cmd := child.Command(goPath, "build", "-mod="+mode, "./...")
	cmd.Dir = s.Tree.MainDir
	cmd.Env = s.Env
	if out, err := combinedOutput(cmd); err != nil {
		return result{}, fmt.Errorf("go build -mod=%s ./... in %s: %w\n%s", mode, cmd.Dir, err, out)
	}
	return result{}, nil
}
