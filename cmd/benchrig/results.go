package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
)

// resultsHelp says where results go; run and ab print it in their help.
const resultsHelp = `Result files go to -results DIR, else $BENCHRIG_RESULTS, else
<state dir>/benchrig/results: $XDG_STATE_HOME/benchrig/results, by
default ~/.local/state/benchrig/results (on macOS and Windows, under the
user config dir). Never into the module being measured, so ab in another
module leaves its working tree clean.
`

// resultsDir returns dir, else $BENCHRIG_RESULTS, else the state dir's
// benchrig/results.
func resultsDir(dir string) (string, error) {
	if dir == "" {
		dir = os.Getenv("BENCHRIG_RESULTS")
	}
	if dir != "" {
		return filepath.Abs(dir)
	}
	state, err := stateDir()
	if err != nil {
		return "", fmt.Errorf("no results dir: %w; pass -results DIR or set BENCHRIG_RESULTS", err)
	}
	return filepath.Join(state, "benchrig", "results"), nil
}

// stateDir is the user's state dir (XDG), or the config dir where there
// is no such convention.
func stateDir() (string, error) {
	if d := os.Getenv("XDG_STATE_HOME"); filepath.IsAbs(d) {
		return d, nil
	}
	if runtime.GOOS == "darwin" || runtime.GOOS == "windows" || runtime.GOOS == "plan9" {
		return os.UserConfigDir()
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(home, ".local", "state"), nil
}

// resolve returns the result file name refers to: the path when it is a
// file, else LABEL.txt or LABEL in the results dir, else the path
// unchanged, so that reading it names the missing file (or the directory).
func resolve(name string) string {
	if fi, err := os.Stat(name); err == nil && !fi.IsDir() || filepath.IsAbs(name) {
		return name
	}
	if dir, err := resultsDir(""); err == nil {
		for _, p := range []string{filepath.Join(dir, name+".txt"), filepath.Join(dir, name)} {
			if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
				return p
			}
		}
	}
	return name
}

// resolveAll resolves each name.
func resolveAll(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = resolve(n)
	}
	return out
}
