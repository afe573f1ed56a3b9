package modres

import (
	"testing"

	"github.com/benchrig/benchrig/harness"
)

// goCmd is the go command on PATH, found once by TestMain.
var goCmd goCommand

func TestMain(m *testing.M) {
	goCmd = findGo()
	version := goCmd.Version
	if goCmd.Err != nil {
		version = "unknown"
	}
	harness.Main(m, harness.Family{
		Name: "modres",
		Keys: []string{"go-command"},
		Setup: func() ([]harness.Config, error) {
			return []harness.Config{{Key: "go-command", Value: version}}, nil
		},
	})
}

// requireGo skips tb, with the reason, when the go command cannot be used.
func requireGo(tb testing.TB) string {
	tb.Helper()
	if goCmd.Err != nil {
		tb.Skipf("skipping: %v", goCmd.Err)
	}
	return goCmd.Path
}
