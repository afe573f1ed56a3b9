package child

import (
	"context"
	"os/exec"
	"runtime"
	"sync"
	"time"

	"github.com/benchrig/benchrig/internal/scratch"
)

// Command is exec.Command with the process-group and parent-death settings
// described in the package doc. Start it with [Start] or [Run].
func Command(name string, args ...string) *exec.Cmd {
	cmd := exec.Command(name, args...)
	setAttrs(cmd)
	return cmd
}

var (
	mu   sync.Mutex
	live = map[*exec.Cmd]struct{}{}
)

// Run starts cmd with [Start] and waits for it, like cmd.Run.
func Run(cmd *exec.Cmd) error {
	if err := Start(cmd); err != nil {
		return err
	}
	return Wait(cmd)
}

// Start starts cmd (made by [Command]) and registers it for [KillAll]. The
// calling goroutine stays locked to its OS thread until [Wait] returns, so
// the parent-death signal fires only when this process dies.
func Start(cmd *exec.Cmd) error {
	markRun(cmd)
	runtime.LockOSThread()
	mu.Lock()
	defer mu.Unlock()
	if err := cmd.Start(); err != nil {
		runtime.UnlockOSThread()
		return err
	}
	live[cmd] = struct{}{}
	return nil
}

// Wait waits for cmd, started by [Start] on this goroutine, and unregisters
// it.
func Wait(cmd *exec.Cmd) error {
	err := cmd.Wait()
	mu.Lock()
	delete(live, cmd)
	mu.Unlock()
	runtime.UnlockOSThread()
	return err
}

// Live returns how many started children have not been waited for.
func Live() int {
	mu.Lock()
	defer mu.Unlock()
	return len(live)
}

// KillAll sends SIGKILL to the process group of every live child (on Linux;
// to the process itself elsewhere). It does not wait: the goroutines in
// [Wait] reap them.
func KillAll() {
	mu.Lock()
	defer mu.Unlock()
	for cmd := range live {
		kill(cmd)
	}
}

// markRun gives cmd the run token (internal/scratch) when its environment
// is set explicitly, as every child inherits it otherwise: the sweep of a
// dead run signals only processes that carry its token.
func markRun(cmd *exec.Cmd) {
	if cmd.Env != nil {
		cmd.Env = append(cmd.Env, scratch.TokenEnv())
	}
}

// waitDelay is how long a cancelled child has, after the interrupt, to exit
// before it is killed.
const waitDelay = 10 * time.Second

// CommandContext is [Command] for a child that ctx may cancel: cancelling
// sends SIGINT to the child's whole process group (so a benchmark binary
// cleans its run dir up as on Ctrl-C), and the child is killed if it has not
// exited waitDelay later. It can be run with cmd.Run or cmd.Output; use
// [Start] where the child must also die with this process.
func CommandContext(ctx context.Context, name string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, name, args...)
	setAttrs(cmd)
	cmd.Cancel = func() error { return interrupt(cmd) }
	cmd.WaitDelay = waitDelay
	return cmd
}
