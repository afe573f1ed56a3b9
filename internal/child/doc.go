// Package child starts the processes benchmarks run (the go command and its
// children) so that none can outlive or escape the run that started it.
//
// [Command] returns an *exec.Cmd that, on Linux, starts in its own process
// group and is sent SIGKILL by the kernel when the thread that started it
// exits (Pdeathsig), so a benchmark process killed with SIGKILL takes its
// children with it. [Start] and [Run] register the process group while the
// child runs; [KillAll] sends SIGKILL to every registered group, which is what
// the harness does on SIGINT or SIGTERM before it removes the run's scratch
// dir. Elsewhere the command is a plain exec.Cmd and KillAll kills the
// registered processes themselves.
//
// Every child carries the run token of internal/scratch in its environment
// (inherited, or added by [Start] to an explicit environment), so the sweep
// of a run that died can find the processes it started, and only those.
//
// Pdeathsig fires when the starting OS thread exits, not the process: Start
// and Run lock the calling goroutine to its thread for the child's life, so
// the Go runtime never retires that thread under a running child.
package child
