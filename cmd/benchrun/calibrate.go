package main

import (
	"context"
	"errors"
	"io"
)

func cmdCalibrate(ctx context.Context, stdout, stderr io.Writer, args []string) error {
	return errors.New("calibrate: not yet")
}
