package platform

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestProactiveReclaim(t *testing.T) {
	kd := "sys/kernel/mm/damon/admin/kdamonds"
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"no-damon", nil, "none"},
		{"kdamond-off", map[string]string{
			kd + "/nr_kdamonds": "1", kd + "/0/state": "off",
			kd + "/0/contexts/0/schemes/0/action": "pageout",
		}, "none"},
		{"kdamond-on-pageout", map[string]string{
			kd + "/nr_kdamonds": "1", kd + "/0/state": "on",
			kd + "/0/contexts/0/schemes/0/action": "pageout",
		}, "damon-pageout"},
		{"kdamond-on-stat-only", map[string]string{
			kd + "/nr_kdamonds": "1", kd + "/0/state": "on",
			kd + "/0/contexts/0/schemes/0/action": "stat",
		}, "none"},
		{"damon-reclaim-module", map[string]string{
			"sys/module/damon_reclaim/parameters/enabled": "Y",
		}, "damon-reclaim"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			for p, v := range tc.files {
				require.NoError(t, os.MkdirAll(filepath.Dir(filepath.Join(root, p)), 0o755))
				require.NoError(t, os.WriteFile(filepath.Join(root, p), []byte(v+"\n"), 0o644))
			}
			got, err := proactiveReclaim(root)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestProactiveReclaimThisMachine(t *testing.T) {
	got, err := ProactiveReclaim()
	if err != nil {
		t.Skipf("cannot read DAMON sysfs here (not root?): %v", err)
	}
	assert.Contains(t, []string{"none", "damon-pageout", "damon-reclaim"}, got)
	t.Logf("proactive-reclaim: %s", got)
}
