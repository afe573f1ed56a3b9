package modres

import (
	"bytes"
	"os/exec"
	"slices"

	"github.com/benchrig/benchrig/internal/child"
	"github.com/benchrig/benchrig/internal/peakrss"
)

// pkg is what the tests need to know about one loaded package.
type pkg struct {
	ImportPath string
	Dir        string
}

// result is the outcome of one op.
type result struct {
	Packages []pkg  // loaded packages (golist, packages); nil for build
	MaxRSS   int64  // peak RSS of the go command's process tree, bytes; 0 when not known
	NoRSS    string // why MaxRSS is not known; "" when it is
}

// tool is one way to resolve the main module's packages. Its go commands
// are children of this process (for packages, started inside
// packages.Load), so the benchmark meters them as all waited-for children.
type tool struct {
	Name string
	Run  func(goPath string, s *setup, mode string) (result, error)
	// Edit, when set, changes the tree before each op (untimed, not
	// metered); Restore undoes every edit when the sub-benchmark ends.
	Edit    func(s *setup) error
	Restore func(s *setup) error
	// Traced: the tool runs the go command it is given, so an untimed
	// pass under strace can count its opens (opens/op). Untraced says
	// why a tool is not.
	Traced   bool
	Untraced string
	// GoCaches: the tool has the gocache=disk|tmpfs axis. Links: it
	// builds the main package (findTarget), so a module without one skips.
	GoCaches, Links bool
	// Caches are the cache states of the default run, ShortCaches those of
	// the -short run (none: the tool does not run under -short). Cleans:
	// the tool has a clean state, which BENCHRIG_MODRES_CLEAN=1 adds.
	Caches, ShortCaches []string
	Cleans              bool
	// The claim tools (claimtools.go) set these. Modes: the -mod modes the
	// tool runs in (nil: both). TreesOf: its trees (nil: the trees or the
	// build trees). Paths: what warm proves resident and cold evicts (nil:
	// setup.goPaths). Post: metrics measured after each op, untimed and
	// not metered. KnobCaches: its cache states when BENCHRIG_MODRES_TOOLS
	// names it (and under -short too).
	Modes      []string
	TreesOf    func(cfg config) []string
	Paths      func(s *setup) []string
	Post       func(s *setup) (extras, error)
	KnobCaches []string
	// NoGoCache: the op neither reads nor writes GOCACHE (download), so
	// cold needs no untimed op to fill it first.
	NoGoCache bool
}

// modes returns the -mod modes t runs in.
func (t tool) modes() []string {
	if t.Modes != nil {
		return t.Modes
	}
	return modes
}

// paths returns what warm proves resident and cold evicts for t on s.
func (t tool) paths(s *setup) []string {
	if t.Paths != nil {
		return t.Paths(s)
	}
	return s.goPaths()
}

// tools are the tools in run order. The cells keep the default run and the
// -short run within their time budgets (doc.go): a clean build compiles the
// runtime and the whole tree on every op, so clean is in the default run
// only for golist (which re-indexes, compiling nothing).
var tools = []tool{
	{Name: "golist", Run: runGoList, Traced: true, Cleans: true,
		Caches: []string{cacheClean, cacheWarm, cacheCold}, ShortCaches: []string{cacheWarm}},
	{Name: "packages", Run: runPackages, Cleans: true, Untraced: "it starts the go command through go/packages, which no wrapper reaches",
		Caches: []string{cacheWarm}},
	{Name: "build", Run: runBuild, Traced: true, GoCaches: true, Links: true, Cleans: true,
		Caches: []string{cacheWarm, cacheCold}, ShortCaches: []string{cacheWarm}},
	// rebuild's clean state would be build's clean state: a full build.
	{Name: "rebuild", Run: runBuild, Traced: true, GoCaches: true, Links: true, Edit: editLeaf, Restore: restoreLeaf,
		Caches: []string{cacheWarm}},
	// The claim tools (claimtools.go): in the default run only hello warm.
	{Name: toolHello, Run: runHello, Traced: true, Modes: []string{modeMod}, TreesOf: helloTrees,
		Edit: editHello, Post: runHelloBinary, Caches: []string{cacheWarm}, KnobCaches: []string{cacheClean, cacheWarm}},
	{Name: toolTest, Run: runTest, Untraced: "under strace -f the test binaries go test starts fail (ptrace PTRACE_LISTEN: EIO), so the traced op would fail", Modes: []string{modeMod}, TreesOf: testTrees, Cleans: true,
		KnobCaches: []string{cacheWarm}},
	{Name: toolDownload, Run: runDownload, Traced: true, Modes: []string{modeMod}, TreesOf: downloadTrees,
		Edit: emptyDownloadCache, Restore: removeDownloadCache, Paths: downloadPaths, Post: countDownloaded, NoGoCache: true,
		KnobCaches: []string{cacheWarm, cacheCold}},
}

// usageOf returns the peak RSS part of a result for a finished command.
func usageOf(cmd *exec.Cmd) result {
	n, err := peakrss.Of(cmd.ProcessState)
	if err != nil {
		return result{NoRSS: err.Error()}
	}
	return result{MaxRSS: n}
}

// combinedOutput runs cmd (from child.Command) with child.Run and returns
// its standard output and standard error together, like cmd.CombinedOutput.
func combinedOutput(cmd *exec.Cmd) ([]byte, error) {
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := child.Run(cmd)
	return out.Bytes(), err
}

// resolvers are the tools that run on any tree (golist, packages, build,
// rebuild), without the claim tools, which have trees of their own.
func resolvers() []tool {
	return slices.DeleteFunc(slices.Clone(tools), func(t tool) bool { return t.TreesOf != nil })
}
