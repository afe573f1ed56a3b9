package harness

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/benchrig/benchrig/internal/platform"
	"golang.org/x/mod/modfile"
)

const unknown = "unknown"

// EnvKeys returns the keys of [Environment], in order.
func EnvKeys() []string { return slices.Clone(envKeys) }

var envKeys = []string{
	"machine", "kernel", "virt", "cpus", "cacheline", "fs", "device",
	"rotational", "scheduler", "lbs", "pbs", "dio-align", "proactive-reclaim",
	"goversion", "benchrig",
}

// Environment returns the ordered config lines for a scratch dir: machine,
// kernel, virt, cpus, cacheline, fs, device, rotational, scheduler, lbs, pbs,
// dio-align, proactive-reclaim, goversion, benchrig. Unknown values are
// "unknown". proactive-reclaim is "damon-pageout" (or "damon-reclaim") when
// the kernel pages out idle memory without memory pressure, so that a warm
// page cache decays within about a minute, "none" when it does not, and
// "unknown" when sysfs cannot tell (the DAMON admin files are root-only).
//
// To read the direct-I/O alignment (which filesystems report for regular
// files only) it may create and remove one empty probe file in dir.
func Environment(dir string) []Config {
	v := map[string]string{}
	if m := Machine(); m != unknown {
		v["machine"] = m
	}
	if k, err := platform.Kernel(); err == nil {
		v["kernel"] = k
	}
	if s, err := platform.Virt(); err == nil {
		v["virt"] = s
	}
	if n, err := platform.OnlineCPUs(); err == nil {
		v["cpus"] = strconv.Itoa(n)
	}
	if n, err := platform.CacheLine(); err == nil {
		v["cacheline"] = strconv.Itoa(n)
	}
	if fsi, err := platform.Statfs(dir); err == nil {
		v["fs"] = fsi.Name
	}
	if b, err := platform.BlockDevice(dir); err == nil {
		v["device"] = b.Name
		v["rotational"] = b.Rotational
		v["scheduler"] = b.Scheduler
		v["lbs"] = b.LBS
		v["pbs"] = b.PBS
	}
	v["dio-align"] = dioAlign(dir)
	if r, err := platform.ProactiveReclaim(); err == nil {
		v["proactive-reclaim"] = r
	}
	v["goversion"] = runtime.Version()
	v["benchrig"] = Version()
	cfg := make([]Config, len(envKeys))
	for i, k := range envKeys {
		cfg[i] = Config{k, cleanValue(v[k])}
	}
	return cfg
}

// dioAlign formats statx STATX_DIOALIGN for a regular file in dir:
// "mem=512,offset=512", "none" when the filesystem reports that direct I/O is
// unsupported, or "unknown".
func dioAlign(dir string) string {
	probe := dir
	if fi, err := os.Stat(dir); err != nil {
		return unknown
	} else if fi.IsDir() {
		f, err := os.CreateTemp(dir, ".benchrig-dio-probe-")
		if err != nil {
			return unknown
		}
		probe = f.Name()
		f.Close()
		defer os.Remove(probe)
	}
	mem, off, ok, err := platform.DIOAlign(probe)
	switch {
	case err != nil || !ok:
		return unknown
	case mem == 0 && off == 0:
		return "none"
	}
	return fmt.Sprintf("mem=%d,offset=%d", mem, off)
}

var version = sync.OnceValue(computeVersion)

// Version returns benchrig's version: the main module's version or VCS
// revision from the build info; for test binaries, which carry neither, the
// git revision of the module's source tree ("-dirty" when it has
// uncommitted changes); else "unknown".
func Version() string { return version() }

// buildRevision, when set at link time with
// -ldflags "-X github.com/benchrig/benchrig/harness.buildRevision=REV", is
// the benchrig config value: the revision the binary was built from.
// benchrig run and ab set it on the test binaries they build once and run many
// times; asking git at run time would name whatever is checked out by then.
var buildRevision string

func computeVersion() string {
	if buildRevision != "" {
		return buildRevision
	}
	if bi, ok := debug.ReadBuildInfo(); ok {
		if bi.Main.Path == modulePath && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			return bi.Main.Version
		}
		rev, dirty := "", false
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				dirty = s.Value == "true"
			}
		}
		if rev != "" {
			if len(rev) > 12 {
				rev = rev[:12]
			}
			if dirty {
				rev += "-dirty"
			}
			return rev
		}
	}
	root := sourceRoot()
	if root == "" {
		return unknown
	}
	// A module cache copy: .../github.com/benchrig/benchrig@v1.2.3/harness.
	if _, after, ok := strings.Cut(filepath.Base(root), "@"); ok {
		return after
	}
	return gitVersion(root)
}

const modulePath = "github.com/benchrig/benchrig"

// sourceRoot returns the module root this file was compiled from, when it
// is still on disk (not under -trimpath).
func sourceRoot() string {
	_, file, _, ok := runtime.Caller(0)
	if !ok || !filepath.IsAbs(file) {
		return ""
	}
	root := filepath.Dir(filepath.Dir(file))
	b, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil || modfile.ModulePath(b) != modulePath {
		return ""
	}
	return root
}

// gitVersion returns `git rev-parse --short HEAD` of root with "-dirty"
// when `git status --porcelain` lists changes, or "unknown".
func gitVersion(root string) string {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	git := func(args ...string) (string, error) {
		cmd := exec.CommandContext(ctx, "git", append([]string{"-C", root}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_OPTIONAL_LOCKS=0")
		out, err := cmd.Output()
		return strings.TrimSpace(string(out)), err
	}
	rev, err := git("rev-parse", "--short", "HEAD")
	if err != nil || rev == "" {
		return unknown
	}
	st, err := git("status", "--porcelain")
	if err != nil {
		return unknown
	}
	if st != "" {
		rev += "-dirty"
	}
	return rev
}

// Machine returns the machine label of the machine: config line:
// BENCHRIG_MACHINE, else the hostname, else "unknown" (spaces are not
// cleaned here; the config line writer does that).
func Machine() string {
	if m := os.Getenv(envMachine); m != "" {
		return m
	}
	if h, err := os.Hostname(); err == nil && h != "" {
		return h
	}
	return unknown
}
