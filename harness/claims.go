package harness

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"

	"github.com/benchrig/benchrig"
)

// envClaims selects a claims run: only the cells the report's claims are
// judged from (each family's family.toml), in every family.
const envClaims = "BENCHRIG_CLAIMS"

// claimsRun reads BENCHRIG_CLAIMS once: unset or a boolean.
var claimsRun = sync.OnceValues(func() (bool, error) {
	v := os.Getenv(envClaims)
	if v == "" {
		return false, nil
	}
	on, err := strconv.ParseBool(v)
	if err != nil {
		return false, fmt.Errorf("%s=%s: not a boolean; set %s=1 to run only the cells the report's claims need, or unset it", envClaims, v, envClaims)
	}
	return on, nil
})

// Claims reports whether this is a claims run (BENCHRIG_CLAIMS=1): a run of
// only the cells from which the report judges the claims. A malformed value
// stops the run in Main (exit status 2) before any benchmark starts.
func Claims() bool {
	on, err := claimsRun()
	return err == nil && on
}

// ClaimCell reports whether the cell named name (a sub-benchmark name of
// key=value segments, without the benchmark's own name) of the family
// [Main] runs should run: always, except in a claims run, where only the
// cells [IsClaimCell] accepts run. A family whose claims cannot be read
// runs nothing in a claims run, and says so.
func ClaimCell(name string) bool {
	if !Claims() {
		return true
	}
	familyMu.Lock()
	f := family
	familyMu.Unlock()
	ok, err := IsClaimCell(f.Name, name)
	if err != nil {
		Note("%v", err)
	}
	return ok
}

// IsClaimCell reports whether the cell named name of family is one the
// report judges a claim from: its keys include every key=value of one of
// the family's claim rows (benchrig.ClaimRows; "key=" matches a cell
// without the key).
func IsClaimCell(family, name string) (bool, error) {
	rows, err := benchrig.ClaimRows(family)
	if err != nil {
		return false, err
	}
	keys := map[string]string{}
	for seg := range strings.SplitSeq(name, "/") {
		k, v, _ := strings.Cut(seg, "=")
		keys[k] = v
	}
	for _, want := range rows {
		if matches(keys, want) {
			return true, nil
		}
	}
	return false, nil
}

// matches reports whether keys has every key=value of want.
func matches(keys map[string]string, want []string) bool {
	for _, kv := range want {
		k, v, _ := strings.Cut(kv, "=")
		if keys[k] != v {
			return false
		}
	}
	return true
}

// envIteration is the 1-based number of the process within a go tool
// benchrig run, which sets it for every test binary it starts.
const envIteration = "BENCHRIG_ITERATION"

// iteration reads BENCHRIG_ITERATION once: unset (0) or a positive integer.
var iteration = sync.OnceValues(func() (int, error) {
	v := os.Getenv(envIteration)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return 0, fmt.Errorf("%s=%s: not a positive integer; unset it (go tool benchrig run sets it to the number of the process in the run)", envIteration, v)
	}
	return n, nil
})

// Iteration returns which process of a go tool benchrig run this is (1 for
// the first), or 0 outside one (plain go test). A family may use it to
// alternate the order of its cells between processes, so that a machine
// whose speed drifts during the run moves both sides of a comparison
// alike. A malformed value stops the run in Main (exit status 2).
func Iteration() int {
	n, err := iteration()
	if err != nil {
		return 0
	}
	return n
}
