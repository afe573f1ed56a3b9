// Package proc starts child processes that cannot outlive the command that
// started them: on Linux each child gets its own process group (so a signal
// reaches everything it started) and a parent-death signal (SIGKILL), so a
// SIGKILL of the parent ends the child too. Elsewhere children start
// normally and Interrupt falls back to killing the process.
package proc
