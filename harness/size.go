package harness

import (
	"fmt"
	"strconv"
	"strings"
)

// sizeHint is what every ParseSize syntax error ends with: the accepted
// syntax and an example.
const sizeHint = "want a positive integer with an optional IEC suffix (B, KiB, MiB, GiB, TiB), e.g. 64MiB or 1GiB"

// iecUnits are the suffixes ParseSize accepts and FormatSize writes, largest
// first, so that "KiB" is matched before "B".
var iecUnits = [...]struct {
	suffix string
	bytes  int64
}{
	{"TiB", 1 << 40},
	{"GiB", 1 << 30},
	{"MiB", 1 << 20},
	{"KiB", 1 << 10},
	{"B", 1},
}

// ParseSize parses a size as benchmark names and BENCHRIG_* knobs write it: a
// positive decimal byte count with an optional IEC suffix, "4096", "512B",
// "64KiB", "1MiB", "1GiB" or "2TiB". Leading and trailing white space is
// ignored. SI and bare-letter suffixes ("64MB", "1G"), lowercase units
// ("1gib"), fractions, signs, white space inside, zero and sizes over
// math.MaxInt64 bytes are errors: benchrig names sizes in IEC units only.
//
// Errors quote s and say what to write instead; callers reading a knob wrap
// them with the variable's name.
func ParseSize(s string) (int64, error) {
	num, mult := strings.TrimSpace(s), int64(1)
	for _, u := range iecUnits {
		if rest, ok := strings.CutSuffix(num, u.suffix); ok {
			num, mult = rest, u.bytes
			break
		}
	}
	if num == "" || strings.TrimLeft(num, "0123456789") != "" {
		return 0, fmt.Errorf("size %q: %s", s, sizeHint)
	}
	n, err := strconv.ParseInt(num, 10, 64)
	switch {
	case err != nil: // only digits, so the count overflows int64
		return 0, fmt.Errorf("size %q: too large, over 2^63-1 bytes; e.g. 64MiB or 1GiB", s)
	case n == 0:
		return 0, fmt.Errorf("size %q: must be positive, e.g. 64MiB or 1GiB", s)
	case n > (1<<63-1)/mult:
		return 0, fmt.Errorf("size %q: too large, over 2^63-1 bytes; e.g. 64MiB or 1GiB", s)
	}
	return n * mult, nil
}

// FormatSize writes n bytes with the largest IEC suffix that divides it
// exactly: 4096 is "4KiB", 64<<20 is "64MiB", 1536<<10 is "1536KiB", and 1000
// (no suffix divides it) is "1000B", as is 0 "0B". For every n > 0,
// ParseSize(FormatSize(n)) returns n.
func FormatSize(n int64) string {
	for _, u := range iecUnits[:len(iecUnits)-1] {
		if n != 0 && n%u.bytes == 0 {
			return strconv.FormatInt(n/u.bytes, 10) + u.suffix
		}
	}
	return strconv.FormatInt(n, 10) + "B"
}
