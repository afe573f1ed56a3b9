package dio_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/benchrig/benchrig/internal/dio"
)

// ExampleStatAlign checks whether a file can take 4KiB direct requests from
// buffers aligned to 4096 bytes.
func ExampleStatAlign() {
	dir, err := os.MkdirTemp("", "dio-example-")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "f")
	if err := os.WriteFile(path, make([]byte, 4096), 0o600); err != nil {
		fmt.Println(err)
		return
	}

	a, err := dio.StatAlign(path)
	switch {
	case errors.Is(err, dio.ErrAlignUnknown), errors.Is(err, errors.ErrUnsupported):
		fmt.Println("unknown: probe with a real O_DIRECT request")
	case err != nil:
		fmt.Println(err)
	case !a.Supported():
		fmt.Println("no direct I/O on this filesystem")
	default:
		fmt.Println("4KiB requests fit:", 4096%a.Offset == 0 && 4096%a.Mem == 0)
	}
}
