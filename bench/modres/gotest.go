package modres

import (
	"fmt"
	"strings"

	"github.com/benchrig/benchrig/internal/child"
)

// testArgs is test's go command line after "go": every package's test
// binary compiled and linked, and run with no test selected. -count=1
// turns off the test result cache, without which a warm op would print
// "(cached)" for every package and link nothing.
func testArgs(mode string) []string {
	return []string{"test", "-mod=" + mode, "-count=1", "-run", "^$", "./..."}
}

// runTest runs `go test -mod=mode -count=1 -run '^$' ./...` in the main
// module. Its peak RSS is ru_maxrss of the go command, the largest single
// process of its tree (go, compile, link, a test binary), not their sum.
func runTest(goPath string, s *setup, mode string) (result, error) {
	cmd := child.Command(goPath, testArgs(mode)...)
	cmd.Dir = s.Tree.MainDir
	cmd.Env = s.Env
	out, err := combinedOutput(cmd)
	if err != nil {
		return result{}, fmt.Errorf("go %s in %s: %w\n%s", strings.Join(testArgs(mode), " "), cmd.Dir, err, out)
	}
	if !strings.Contains(string(out), "ok ") {
		return result{}, fmt.Errorf("go %s in %s ran no test binary (no package has tests); run it on a tree with _test.go files\n%s", strings.Join(testArgs(mode), " "), cmd.Dir, out)
	}
	return usageOf(cmd), nil
}
