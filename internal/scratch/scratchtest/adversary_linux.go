package scratchtest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Build makes the adversarial tree in base (which must exist and be empty)
// with its victims in outside, starts the victim processes (ended when t
// ends) and takes the snapshot Check compares with.
func Build(t testing.TB, base, outside string, o Options) *Adversary {
	t.Helper()
	a := &Adversary{Base: base, Outside: outside}
	a.victimTrees(t)
	a.foreignEntries(t)
	a.deadRuns(t)
	a.victimProcs(t)
	if o.Root && os.Geteuid() == 0 {
		a.rootCases(t)
	}
	if o.DeadRun != nil {
		dir, stray := o.DeadRun(base)
		a.gone = append(a.gone, filepath.Base(dir), filepath.Base(dir)+".lock")
		a.strays = append(a.strays, stray)
		a.Cases = append(a.Cases, "a run SIGKILLed by its process, with a process it started still alive: swept, that process killed")
	}
	a.before = snapshot(t, base, a.gone)
	for k, v := range snapshot(t, outside, nil) {
		a.before[k] = v
	}
	return a
}

// Check asserts what the sweep did: every dead benchrig run is gone (but
// for what a mount inside it holds), nothing else in Base or Outside
// changed, every stray is dead and every victim alive. log is what the
// sweep wrote, shown on failure.
func (a *Adversary) Check(t testing.TB, log string) {
	t.Helper()
	for _, g := range a.gone {
		assert.NoFileExists(t, filepath.Join(a.Base, g), "a dead benchrig run is swept; log:\n%s", log)
		assert.NoDirExists(t, filepath.Join(a.Base, g), "a dead benchrig run is swept; log:\n%s", log)
	}
	after := snapshot(t, a.Base, a.gone)
	for k, v := range snapshot(t, a.Outside, nil) {
		after[k] = v
	}
	for k, v := range a.before {
		assert.Equal(t, v, after[k], "%s changed; sweep log:\n%s", k, log)
	}
	for k := range after {
		_, ok := a.before[k]
		assert.True(t, ok, "%s appeared", k)
	}
	for _, s := range a.strays {
		assert.Eventually(t, func() bool { return !alive(s) }, 10*time.Second, 10*time.Millisecond, "stray %d of a dead run is killed; log:\n%s", s, log)
	}
	for _, v := range a.victims {
		assert.True(t, alive(v.cmd.Process.Pid), "%s (pid %d) was signalled; log:\n%s", v.what, v.cmd.Process.Pid, log)
	}
}

// alive reports whether pid is a process that is not a zombie.
func alive(pid int) bool {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	i := strings.LastIndexByte(string(b), ')')
	return i > 0 && len(b) > i+2 && b[i+2] != 'Z' && b[i+2] != 'X'
}

// start starts a victim process (sleep 600) set up by setup; it is killed
// when t ends.
func (a *Adversary) start(t testing.TB, what string, setup func(*exec.Cmd)) *exec.Cmd {
	t.Helper()
	cmd := exec.Command("sleep", "600")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if setup != nil {
		setup(cmd)
	}
	require.NoError(t, cmd.Start(), what)
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	a.victims = append(a.victims, victim{what, cmd})
	return cmd
}
