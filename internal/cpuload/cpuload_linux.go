package cpuload

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"strconv"
)

const statPath = "/proc/stat"

func read() (times, error) {
	b, err := os.ReadFile(statPath)
	if err != nil {
		return times{}, fmt.Errorf("read CPU load: %w", err)
	}
	return parse(b)
}

// parse reads the aggregate "cpu" line: user nice system idle iowait irq
// softirq steal [guest guest_nice]. guest time is already counted in user
// and nice, so it is left out of the total.
func parse(b []byte) (times, error) {
	sc := bufio.NewScanner(bytes.NewReader(b))
	for line := 1; sc.Scan(); line++ {
		f := bytes.Fields(sc.Bytes())
		if len(f) == 0 || string(f[0]) != "cpu" {
			continue
		}
		if len(f) < 5 {
			return times{}, fmt.Errorf("%s:%d: want at least 4 counters on the cpu line, got %q", statPath, line, sc.Text())
		}
		var t times
		for i, v := range f[1:min(len(f), 9)] {
			n, err := strconv.ParseUint(string(v), 10, 64)
			if err != nil {
				return times{}, fmt.Errorf("%s:%d: counter %d: %w", statPath, line, i+1, err)
			}
			t.total += n
			if i == 3 || i == 4 { // idle, iowait
				t.idle += n
			}
		}
		return t, nil
	}
	return times{}, fmt.Errorf("%s: no aggregate cpu line", statPath)
}
