// Benchrig runs, compares and gates Go benchmarks: the one front door of
// the benchrig module, a thin main with subcommands. In this repository
// run it as "go tool benchrig"; in another module add it with
// "go get -tool github.com/benchrig/benchrig/cmd/benchrig" (or a replace
// to a checkout) and run "go tool benchrig".
//
// Usage:
//
//	benchrig run [-count N] [-bench RE] [-short] [-benchtime D] [-pkg PATTERN] [-results DIR] [LABEL]
//	benchrig ab A B [-count N] [-bench RE] [-pkg PATTERN] [-quiet D] [-budget D] [-target PCT] [-strict] [-results DIR]
//	benchrig gate BASE HEAD [-threshold PCT] [-alpha A] [-format F] ...
//	benchrig gate -check FILE...
//	benchrig compare OLD NEW... [-- benchstat flags]
//	benchrig machines FILE... [-- benchstat flags]
//	benchrig report FILE... [-ref FILE] [-o report.html] [-md report.md]
//	benchrig history add [-db DB] [-rev REV] [-time T] FILE... | show [flags] | check [flags]
//	benchrig power [-runs N] [-count N] [-effects LIST] [-results DIR]
//	benchrig noise A1 A2 [flags]
//	benchrig tree -out DIR [shape flags] | -preset NAME -out DIR | -stats DIR
//
// "benchrig help COMMAND" describes a command. Flags and arguments mix in
// any order; everything after "--" is an argument (compare and machines
// pass it to benchstat). A FILE is a path or a label in the results dir.
//
// Results: run, ab and power write to -results DIR, else $BENCHRIG_RESULTS,
// else <state dir>/benchrig/results ($XDG_STATE_HOME, by default
// ~/.local/state; the user config dir on macOS and Windows) — never into
// the module measured, so ab in another module leaves its working tree
// clean, and the same rule holds in benchrig itself.
//
// tree is the former fixtures/cmd/modtree: it only calls package fixtures,
// and one front door keeps the install and the exit codes in one place.
//
// Exit status, every command: 0 ok; 1 a finding (a regression in gate, ab
// or history check, a failed benchmark in run); 2 usage or input error (a missing,
// empty or malformed file named file:line, a directory given as a file,
// conflicting flags, fewer than 6 samples a side, a store error in
// history); 130 or 143 when
// interrupted by SIGINT or SIGTERM (worktrees and scratch are removed
// first; the last line says so, or names the dir left to the next run's
// sweep).
package main
