package modres

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"

	"github.com/benchrig/benchrig/fixtures"
	"github.com/benchrig/benchrig/harness"
	"github.com/benchrig/benchrig/internal/child"
)

// goCommand is the go command found on PATH.
type goCommand struct {
	Path    string // absolute path from exec.LookPath
	Version string // `go env GOVERSION`, spaces replaced by "_"
	Err     error  // why the go command cannot be used; Path and Version are then unset
}

// theGo is the go command on PATH, probed once, on first use.
var theGo = sync.OnceValue(func() goCommand {
	// The probe's sandbox lives in a locked dir of its own in BENCHRIG_DIR,
	// so a run killed mid-probe leaves it to the next run's sweep.
	d, err := harness.NewLockedDir("goprobe", os.Stderr, nil)
	if err != nil {
		return findGo("")
	}
	defer d.Close()
	return findGo(d.Dir)
})

// findGo locates the go command on PATH and reads its version. The probe
// runs in a sandbox (fixtures.GoSandbox: no inherited GO* variable,
// GOTOOLCHAIN=local, HOME, TMPDIR and GOTMPDIR in a private temporary dir
// in parent that is removed afterwards, telemetry off), so a user's GOTOOLCHAIN or
// GOFLAGS cannot switch or break it and it writes nothing of the user's.
func findGo(parent string) goCommand {
	path, err := exec.LookPath("go")
	if err != nil {
		return goCommand{Err: fmt.Errorf("go command not found on PATH (%v); install Go or add its bin directory to PATH", err)}
	}
	out, err := probeVersion(path, parent)
	if err != nil {
		return goCommand{Err: err}
	}
	v := strings.Join(strings.Fields(string(out)), "_")
	if !strings.HasPrefix(v, "go") && !strings.HasPrefix(v, "devel") {
		return goCommand{Err: fmt.Errorf("%s env GOVERSION printed %q, not a Go version; check that %s is the go command", path, out, path)}
	}
	return goCommand{Path: path, Version: v}
}

// probeVersion runs `go env GOVERSION` in a sandbox of its own, a new dir
// in parent ("" for the temporary dir).
func probeVersion(path, parent string) ([]byte, error) {
	dir, err := os.MkdirTemp(parent, "benchrig-goprobe-")
	if err != nil {
		return nil, fmt.Errorf("probe %s: %w; set TMPDIR to a writable dir", path, err)
	}
	defer os.RemoveAll(dir)
	env, err := fixtures.GoSandbox(dir)
	if err != nil {
		return nil, fmt.Errorf("probe %s: %w", path, err)
	}
	return goOutput(path, dir, env, "env", "GOVERSION")
}

// goOutput runs the go command at path with args in dir under env and
// returns its standard output; an error carries its standard error and the
// fix.
func goOutput(path, dir string, env []string, args ...string) ([]byte, error) {
	cmd := child.Command(path, args...)
	cmd.Dir = dir
	cmd.Env = env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := child.Run(cmd); err != nil {
		return nil, fmt.Errorf("%s %s: %w: %s; check that %s runs", path, strings.Join(args, " "), err, bytes.TrimSpace(stderr.Bytes()), path)
	}
	return stdout.Bytes(), nil
}
