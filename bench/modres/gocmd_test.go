package modres

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFindGo(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("fake go commands are shell scripts")
	}
	tests := []struct {
		name    string
		script  string // body of a fake go command; "" for none on PATH
		want    string
		wantErr string
	}{
		{name: "missing", wantErr: "go command not found on PATH"},
		{name: "fails", script: "echo broken >&2; exit 1", wantErr: "env GOVERSION: exit status 1: broken"},
		{name: "garbage", script: "echo hello", wantErr: "not a Go version"},
		{name: "version", script: `echo "go1.99.1 X:nodwarf5"`, want: "go1.99.1_X:nodwarf5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if tt.script != "" {
				require.NoError(t, os.WriteFile(filepath.Join(dir, "go"), []byte("#!/bin/sh\n"+tt.script+"\n"), 0o755))
			}
			t.Setenv("PATH", dir)
			g := findGo("")
			if tt.wantErr != "" {
				require.Error(t, g.Err)
				assert.Contains(t, g.Err.Error(), tt.wantErr)
				return
			}
			require.NoError(t, g.Err)
			assert.Equal(t, tt.want, g.Version)
			assert.Equal(t, filepath.Join(dir, "go"), g.Path)
		})
	}
}
