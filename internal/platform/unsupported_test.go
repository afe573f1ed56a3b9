package platform

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/benchrig/benchrig/internal/testutil"
	"github.com/stretchr/testify/require"
)

// TestUnsupportedError runs on every OS: the one "not on this OS" error
// names the call and wraps errors.ErrUnsupported.
func TestUnsupportedError(t *testing.T) {
	err := Unsupported("statfs /x")
	assert.ErrorIs(t, err, ErrUnsupported)
	assert.ErrorIs(t, err, errors.ErrUnsupported)
	assert.Contains(t, err.Error(), "statfs /x: unsupported operation on "+runtime.GOOS)
	assert.Contains(t, err.Error(), "run it on Linux")
}

// TestUnsupported checks that off Linux every function returns an error
// wrapping errors.ErrUnsupported, never a zero value as if it had worked.
// On Linux the real calls are tested elsewhere; GOOS=js GOARCH=wasm go test
// -exec "$(go env GOROOT)/lib/wasm/go_js_wasm_exec" ./internal/... runs
// this on a Linux machine with node.
func TestUnsupported(t *testing.T) {
	testutil.RequireOtherOS(t)
	f, err := os.Create(filepath.Join(t.TempDir(), "f"))
	require.NoError(t, err)
	defer f.Close()
	errs := map[string]error{}
	_, errs["Statfs"] = Statfs(".")
	errs["Writable"] = Writable(".")
	errs["Flock"] = Flock(f, true)
	errs["DropCache"] = DropCache(f)
	_, _, errs["Residency"] = Residency(f, 4096)
	_, errs["Getrusage"] = Getrusage(Self)
	_, errs["SysRusage"] = SysRusage(nil)
	_, _, _, errs["DIOAlign"] = DIOAlign(".")
	_, errs["Kernel"] = Kernel()
	_, errs["OnlineCPUs"] = OnlineCPUs()
	_, errs["CacheLine"] = CacheLine()
	_, errs["Virt"] = Virt()
	_, errs["BlockDevice"] = BlockDevice(".")
	_, errs["DeviceReads"] = DeviceReads("stat")
	_, errs["Gettid"] = Gettid()
	_, errs["ProactiveReclaim"] = ProactiveReclaim()
	_, errs["ProcsUsing"] = ProcsUsing(".")
	_, errs["Divert"] = Divert(f)
	_, errs["MountPoint"] = MountPoint(".")
	fi, err := f.Stat()
	require.NoError(t, err)
	_, errs["Owner"] = Owner(fi)
	_, errs["ReadCPUStat"] = ReadCPUStat()
	testutil.AssertUnsupported(t, errs)
}
