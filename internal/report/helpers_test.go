package report

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// machines are this VM's reference run and the three stand-ins.
var machines = []string{
	"reference.txt",
	"testdata/standin-ramdisk-ext4.txt",
	"testdata/standin-throttled-vda.txt",
	"testdata/standin-cpu-quota-50pct.txt",
}

func inputs(t *testing.T, paths ...string) []Input {
	t.Helper()
	var ins []Input
	for _, p := range paths {
		b, err := os.ReadFile(p)
		require.NoError(t, err)
		ins = append(ins, Input{Name: filepath.ToSlash(p), Data: b})
	}
	return ins
}

func readData(t *testing.T, paths ...string) *Data {
	t.Helper()
	d, err := Read(inputs(t, paths...))
	require.NoError(t, err)
	return d
}

func page(t *testing.T, ref string, paths ...string) *Page {
	t.Helper()
	p, err := Build(readData(t, paths...), ref)
	require.NoError(t, err)
	return p
}
