package harness

import (
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/benchrig/benchrig/internal/testutil"
	"github.com/stretchr/testify/require"
)

// killMatrixEnv opts in to TestKillMatrix, which builds bench/directio and
// bench/modres and signals about 150 runs of them: minutes, not part of
// go test ./... . Run it as
//
//	BENCHRIG_KILL_MATRIX=1 go test ./harness -run '^TestKillMatrix$' -v -timeout 60m
//
// BENCHRIG_KILL_MATRIX_REPS sets the repetitions per cell (default 5).
const killMatrixEnv = "BENCHRIG_KILL_MATRIX"

// killPoint is where in a run the signal lands.
type killPoint struct {
	name    string
	reached func(k *killRun) bool
}

var killPoints = []killPoint{
	{"data-file write", func(k *killRun) bool { return k.sharedFileGrowing() }},
	{"timed loop", func(k *killRun) bool { return resultLine.Match(k.stdout.Bytes()) }},
	{"mid go-child", func(k *killRun) bool { return k.goChild() }},
}

var resultLine = regexp.MustCompile(`(?m)^Benchmark\S+\s+\d+\s+\d+(\.\d+)? ns/op`)

// killSignal is a signal and whether it goes to the whole process group
// (as Ctrl-C in a shell does) or to the PID only.
type killSignal struct {
	sig   syscall.Signal
	group bool
}

func (s killSignal) String() string {
	to := "pid"
	if s.group {
		to = "group"
	}
	name := map[syscall.Signal]string{syscall.SIGINT: "SIGINT", syscall.SIGTERM: "SIGTERM", syscall.SIGKILL: "SIGKILL"}[s.sig]
	return name + " to " + to
}

// wantStatus is what a shell reports for the run's end: 128+signal.
func (s killSignal) wantStatus() int { return 128 + int(s.sig) }

// killFamily is one bench package under test, with the knobs that make its
// points last long enough to be hit and the points it has.
type killFamily struct {
	name   string
	env    []string
	points []string
	bin    string
}

func TestKillMatrix(t *testing.T) {
	if os.Getenv(killMatrixEnv) == "" {
		t.Skipf("opt-in: set %s=1 (builds bench/directio and bench/modres and signals ~150 runs of them)", killMatrixEnv)
	}
	reps := 5
	if v := os.Getenv(killMatrixEnv + "_REPS"); v != "" {
		n, err := strconv.Atoi(v)
		require.NoError(t, err, "%s_REPS", killMatrixEnv)
		reps = n
	}
	bins := t.TempDir()
	families := []*killFamily{
		{name: "directio", env: []string{"BENCHRIG_DIO_FILE_SIZE=256MiB"}, points: []string{"data-file write", "timed loop"}},
		{name: "modres", points: []string{"data-file write", "timed loop", "mid go-child"}},
	}
	for _, f := range families {
		f.bin = filepath.Join(bins, f.name+".test")
		out, err := exec.Command("go", "test", "-c", "-o", f.bin, "../bench/"+f.name).CombinedOutput()
		require.NoError(t, err, "build %s: %s", f.name, out)
	}
	var table []string
	for _, f := range families {
		for _, p := range killPoints {
			if !slices.Contains(f.points, p.name) {
				table = append(table, fmt.Sprintf("| %s | %s | all | n/a | %s starts no go command |", f.name, p.name, f.name))
				continue
			}
			for _, s := range []killSignal{{syscall.SIGINT, false}, {syscall.SIGINT, true}, {syscall.SIGTERM, false}, {syscall.SIGTERM, true}, {syscall.SIGKILL, false}, {syscall.SIGKILL, true}} {
				table = append(table, killCell(t, f, p, s, reps))
			}
		}
	}
	t.Logf("kill matrix (%d repetitions per cell; a cell passes a repetition when every check holds):\n| family | point | signal | passed | failures |\n|---|---|---|---|---|\n%s", reps, strings.Join(table, "\n"))
}

// killCell runs one cell reps times and returns its table row.
func killCell(t *testing.T, f *killFamily, p killPoint, s killSignal, reps int) string {
	passed, fails := 0, map[string]int{}
	for range reps {
		problems := killOnce(t, f, p, s)
		if len(problems) == 0 {
			passed++
		}
		for _, pr := range problems {
			fails[pr]++
		}
	}
	var fl []string
	for _, k := range slices.Sorted(maps.Keys(fails)) {
		fl = append(fl, fmt.Sprintf("%s ×%d", k, fails[k]))
	}
	row := fmt.Sprintf("| %s | %s | %s | %d/%d | %s |", f.name, p.name, s, passed, reps, strings.Join(fl, "; "))
	if passed < reps {
		t.Errorf("kill matrix cell failed: %s", row)
	}
	return row
}

// killRun is one signalled run: its private BENCHRIG_DIR, HOME and TMPDIR
// (so anything it leaves is its own), its process and its output.
type killRun struct {
	base, home, tmp string
	cmd             *exec.Cmd
	stdout, stderr  testutil.SyncBuffer
}

func newKillRun(t *testing.T, f *killFamily, args ...string) *killRun {
	root := t.TempDir()
	k := &killRun{base: filepath.Join(root, "base"), home: filepath.Join(root, "home"), tmp: filepath.Join(root, "tmp")}
	for _, d := range []string{k.base, k.home, k.tmp} {
		require.NoError(t, os.Mkdir(d, 0o755))
	}
	k.cmd = exec.Command(f.bin, args...)
	k.cmd.Dir = filepath.Join("..", "bench", f.name)
	k.cmd.Env = slices.DeleteFunc(os.Environ(), func(kv string) bool {
		return strings.HasPrefix(kv, "BENCHRIG_") || strings.HasPrefix(kv, "HOME=") || strings.HasPrefix(kv, "TMPDIR=") || strings.HasPrefix(kv, "XDG_")
	})
	k.cmd.Env = append(k.cmd.Env, append(f.env, envDir+"="+k.base, "HOME="+k.home, "TMPDIR="+k.tmp)...)
	k.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // a job of its own, as a shell starts it
	k.cmd.Stdout, k.cmd.Stderr = &k.stdout, &k.stderr
	return k
}

// killOnce runs f's benchmarks, signals them at p with s, and returns what
// did not hold: exit status, processes left, bytes left after the next run,
// entries left in its HOME and TMPDIR.
func killOnce(t *testing.T, f *killFamily, p killPoint, s killSignal) []string {
	k := newKillRun(t, f, "-test.run=^$", "-test.bench=.", "-test.short")
	require.NoError(t, k.cmd.Start())
	pid := k.cmd.Process.Pid
	done := make(chan error, 1)
	go func() { done <- k.cmd.Wait() }()
	var problems []string
	if !k.await(p, done) {
		_ = syscall.Kill(-pid, syscall.SIGKILL)
		<-done
		k.cleanup(pid)
		return []string{"point not reached"}
	}
	target := pid
	if s.group {
		target = -pid
	}
	require.NoError(t, syscall.Kill(target, s.sig))
	select {
	case err := <-done:
		if st := exitStatus(err); st != s.wantStatus() {
			problems = append(problems, fmt.Sprintf("exit %d", st))
		}
	case <-time.After(2 * time.Minute):
		_ = syscall.Kill(-pid, syscall.SIGKILL)
		<-done
		problems = append(problems, "hung")
	}
	if strings.Contains(k.stdout.String(), "--- FAIL") {
		problems = append(problems, "FAIL line")
	}
	time.Sleep(time.Second) // what the kernel still tears down
	if left := k.ours(pid); len(left) > 0 {
		problems = append(problems, "alive after exit: "+strings.Join(left, ","))
	}
	return append(problems, k.afterNext(t, f, pid)...)
}

// afterNext runs the family again (only the sweep: no benchmark matches)
// and checks that nothing of the signalled run is left anywhere.
func (k *killRun) afterNext(t *testing.T, f *killFamily, pid int) []string {
	var problems []string
	next := exec.Command(f.bin, "-test.run=^$", "-test.bench=^NoSuchBenchmark$")
	next.Dir, next.Env = k.cmd.Dir, k.cmd.Env
	if out, err := next.CombinedOutput(); err != nil {
		problems = append(problems, "next run failed: "+strings.TrimSpace(string(out)))
	}
	if left := k.ours(pid); len(left) > 0 {
		problems = append(problems, "alive after next run: "+strings.Join(left, ","))
	}
	for _, d := range []struct{ name, path string }{{"BENCHRIG_DIR", k.base}, {"HOME", k.home}, {"TMPDIR", k.tmp}} {
		if n := treeBytes(d.path); n.entries > 0 {
			problems = append(problems, fmt.Sprintf("%s not empty after next run (%s)", d.name, strings.Join(n.top, " ")))
		}
	}
	k.cleanup(pid)
	return problems
}

func exitStatus(err error) int {
	ee, ok := err.(*exec.ExitError)
	if !ok {
		return 0
	}
	if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return 128 + int(ws.Signal())
	}
	return ee.ExitCode()
}
