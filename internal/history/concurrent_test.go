package history

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// childEnv makes the re-executed test binary an adder that dies inside its
// transaction (see TestMain).
const childEnv = "BENCHRIG_HISTORY_TEST_CHILD"

func TestMain(m *testing.M) {
	if target := os.Getenv(childEnv); target != "" {
		s, err := Open(context.Background(), target)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(3)
		}
		s.midAdd = func() {
			fmt.Println("in transaction")
			time.Sleep(time.Minute) // SIGKILLed here
		}
		data, _ := os.ReadFile("testdata/multi.txt")
		_, err = s.Add(context.Background(), File{Name: "multi.txt", Data: data, Rev: "r", RevTime: time.Unix(1, 0)})
		fmt.Fprintln(os.Stderr, "add returned:", err)
		os.Exit(4)
	}
	os.Exit(m.Run())
}

// variant returns the result file multi.txt with every ns/op value scaled
// by 1+i/1000, so each is a file of its own.
func variant(t *testing.T, i int) File {
	t.Helper()
	f := readFile(t, "multi.txt")
	f.Name = fmt.Sprintf("multi-%d.txt", i)
	f.Data = bytes.ReplaceAll(f.Data, []byte(" ns/op"), fmt.Appendf(nil, "%d ns/op", i%10))
	f.Data = append([]byte(fmt.Sprintf("variant: %d\n", i)), f.Data...)
	return f
}

// TestConcurrentWriters: 8 writers × 50 files each, at once, end with
// exactly 400 files and all their samples, on both backends.
func TestConcurrentWriters(t *testing.T) {
	for _, be := range backends() {
		t.Run(be.name, func(t *testing.T) {
			target := be.target(t)
			check := openStore(t, target)
			const writers, each = 8, 50
			var wg sync.WaitGroup
			errs := make(chan error, writers*each)
			samples := make(chan int, writers*each)
			for w := range writers {
				wg.Go(func() {
					s, err := Open(context.Background(), target)
					if err != nil {
						errs <- err
						return
					}
					defer s.Close()
					for i := range each {
						a, err := s.Add(context.Background(), variant(t, w*each+i))
						errs <- err
						samples <- a.Samples
					}
				})
			}
			wg.Wait()
			close(errs)
			close(samples)
			for err := range errs {
				require.NoError(t, err)
			}
			total := 0
			for n := range samples {
				total += n
			}
			assert.Equal(t, writers*each, count(t, check, "files"))
			assert.Equal(t, total, count(t, check, "samples"))
		})
	}
}

// TestKilledWriterLeavesNothing: an adder SIGKILLed inside its transaction
// leaves no file and no sample behind, on both backends.
func TestKilledWriterLeavesNothing(t *testing.T) {
	for _, be := range backends() {
		t.Run(be.name, func(t *testing.T) {
			target := be.target(t)
			exe, err := os.Executable()
			require.NoError(t, err)
			cmd := exec.Command(exe)
			cmd.Env = append(os.Environ(), childEnv+"="+target)
			out, err := cmd.StdoutPipe()
			require.NoError(t, err)
			require.NoError(t, cmd.Start())
			buf := make([]byte, 64)
			n, _ := out.Read(buf)
			require.True(t, strings.HasPrefix(string(buf[:n]), "in transaction"), "the child reached its transaction: %q", buf[:n])
			require.NoError(t, cmd.Process.Signal(syscall.SIGKILL))
			_ = cmd.Wait()
			s := openStore(t, target)
			assert.Equal(t, 0, count(t, s, "files"))
			assert.Equal(t, 0, count(t, s, "samples"))
			a, err := s.Add(context.Background(), readFile(t, "multi.txt"))
			require.NoError(t, err, "the store takes the same file afterwards")
			assert.False(t, a.Duplicate)
		})
	}
}
