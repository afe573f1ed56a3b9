package mmapx_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/benchrig/benchrig/internal/mmapx"
)

func TestOptionsString(t *testing.T) {
	tests := []struct {
		name string
		o    mmapx.Options
		want string
	}{
		{"shared", mmapx.Options{}, "MAP_SHARED, PROT_READ"},
		{"shared-populate", mmapx.Options{Populate: true}, "MAP_SHARED|MAP_POPULATE, PROT_READ"},
		{"private", mmapx.Options{Private: true}, "MAP_PRIVATE, PROT_READ|PROT_WRITE"},
		{"private-populate", mmapx.Options{Private: true, Populate: true}, "MAP_PRIVATE|MAP_POPULATE, PROT_READ|PROT_WRITE"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.o.String())
		})
	}
}

func TestAdviceString(t *testing.T) {
	tests := []struct {
		name string
		a    mmapx.Advice
		want string
	}{
		{"willneed", mmapx.WillNeed, "MADV_WILLNEED"},
		{"populate-read", mmapx.PopulateRead, "MADV_POPULATE_READ"},
		{"unknown", mmapx.Advice(99), "Advice(99)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.a.String())
		})
	}
}
