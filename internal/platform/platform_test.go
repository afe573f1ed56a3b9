package platform

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestFSName(t *testing.T) {
	for _, tc := range []struct {
		name     string
		magic    uint32
		want     string
		nonBlock bool
	}{
		{"ext4", 0xEF53, "ext4", false},
		{"xfs", 0x58465342, "xfs", false},
		{"btrfs", 0x9123683E, "btrfs", false},
		{"tmpfs", 0x01021994, "tmpfs", true},
		{"ramfs", 0x858458F6, "ramfs", true},
		{"overlayfs", 0x794C7630, "overlayfs", true},
		{"nfs", 0x6969, "nfs", true},
		{"zfs", 0x2FC12FC1, "zfs", false},
		{"f2fs", 0xF2F52010, "f2fs", false},
		{"unknown magic", 0x12345678, "unknown", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, FSName(tc.magic))
			assert.Equal(t, tc.nonBlock, NonBlock(tc.magic))
		})
	}
}
