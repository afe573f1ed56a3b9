// Package scratch owns benchrig's run directories in BENCHRIG_DIR: it
// creates them, proves they are benchrig's, and sweeps the ones whose owner
// died. Both a benchmark binary (through harness) and the commands that
// drive it use it, so a dir left by either is removed by whichever runs
// next.
//
// # Run directories
//
// [Create] makes base/run-<name><timestamp>-<pid>.lock, takes its flock (held
// for the life of the run) and writes into it a header, the process's
// random run token, its pid and start time; then it makes the dir
// base/run-<name><timestamp>-<pid> and writes a marker file into it that
// repeats the token. [Run.Close] removes the dir (the marker last) and then
// the lock.
//
// Every process a run starts carries the token in its environment as
// BENCHRIG_RUN=<token>: the process sets it in its own environment when it
// creates its first run, so children inherit it, and internal/child adds it
// to children given an explicit environment.
//
// # What the sweep touches
//
// [Sweep] looks only at base's run-* entries, and treats an entry as
// benchrig's only when all of these hold:
//   - the lock is a regular file (opened without following links), owned by
//     this user, whose flock can be taken without waiting (its owner is
//     dead), and whose content is a benchrig lock;
//   - each of its dirs (run-X, and run-X.removing-N that an interrupted run
//     renamed) is a real directory, opened without following links, owned
//     by this user, on the same mount as base, holding a marker whose token
//     is the lock's.
//
// It then signals only processes that carry that run's token in their
// environment, run as this user and started after the run did (a pid with
// its start time, checked through a pidfd so a recycled pid is never hit);
// it never matches processes by the paths in their working directory, open
// files or environment. It deletes without following symbolic links and
// without crossing a mount point (a mount inside is left, and said), the
// marker last, the lock after the dirs, so a sweep that dies midway is
// finished by the next one. Anything else named run-* is left alone and
// named once in a note.
package scratch
