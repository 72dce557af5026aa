package datasets_test

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"fulfil/datasets"
)

// TestGAPSets reads the 16 OR-Library multi-problem files and the 117
// one-problem files, matches each against bks.csv, and requires every
// OR-Library problem to equal its one-problem copy (gapX problem i is
// cattrysse1994/gapX-i; gapa..gapd hold chu1997/{a..d}{05100,05200,10100,10200,20100,20200}).
func TestGAPSets(t *testing.T) {
	dir := shared(t, "gap")
	bks, err := datasets.ReadBKS(filepath.Join(dir, "bks.csv"))
	if err != nil {
		t.Fatal(err)
	}
	single := map[string]*datasets.GAP{}
	for _, sub := range []struct {
		name  string
		files int
	}{{"cattrysse1994", 60}, {"chu1997", 24}, {"yagiura2004", 33}} {
		for _, path := range glob(t, filepath.Join(dir, "instances", sub.name), "*", sub.files) {
			g, err := datasets.ReadGAPFile(path)
			if err != nil {
				t.Error(err)
				continue
			}
			key := sub.name + "/" + filepath.Base(path)
			single[key] = g
			b, ok := bks[key]
			if !ok {
				t.Errorf("%s: not in bks.csv", key)
			} else if b.N != g.Jobs || b.CapacityOrK != float64(g.Agents) {
				t.Errorf("%s: bks.csv n=%d k=%g, file has %d jobs, %d agents", key, b.N, b.CapacityOrK, g.Jobs, g.Agents)
			}
		}
	}
	if len(bks) != len(single) {
		t.Errorf("bks.csv has %d rows, %d files read", len(bks), len(single))
	}
	chu := []string{"05100", "05200", "10100", "10200", "20100", "20200"}
	problems := 0
	for _, path := range glob(t, filepath.Join(dir, "orlib"), "gap*.txt", 16) {
		gs, err := datasets.ReadORLibGAPFile(path)
		if err != nil {
			t.Error(err)
			continue
		}
		stem := strings.TrimSuffix(filepath.Base(path), ".txt")
		for i, g := range gs {
			problems++
			key := fmt.Sprintf("cattrysse1994/%s-%d", stem, i)
			if c := stem[3]; c >= 'a' && c <= 'd' { // gapa..gapd
				key = fmt.Sprintf("chu1997/%s%s", stem[3:], chu[i])
			}
			want, ok := single[key]
			if !ok {
				t.Errorf("%s problem %d: no single file %s", stem, i, key)
				continue
			}
			if g.Name != fmt.Sprintf("%s-%d", stem, i) {
				t.Errorf("%s problem %d: name %q", stem, i, g.Name)
			}
			if !reflect.DeepEqual(g.Cost, want.Cost) || !reflect.DeepEqual(g.Weight, want.Weight) ||
				!reflect.DeepEqual(g.Capacity, want.Capacity) {
				t.Errorf("%s problem %d differs from %s", stem, i, key)
			}
		}
	}
	if problems != 84 {
		t.Errorf("got %d OR-Library problems, want 84", problems)
	}
}

// TestDetectShared checks Detect on one file of every kind in the
// collection.
func TestDetectShared(t *testing.T) {
	cases := []struct {
		path string
		want datasets.Format
	}{
		{"cvrplib/X/X-n101-k25.vrp", datasets.FormatVRPLIB},
		{"cvrplib/A/A-n32-k5.vrp", datasets.FormatVRPLIB},
		{"cvrplib/CMT/CMT6.vrp", datasets.FormatVRPLIB},
		{"cvrplib/A/A-n32-k5.sol", datasets.FormatSolution},
		{"solomon/R101.txt", datasets.FormatSolomon},
		{"solomon/gh400/rc2_4_10.txt", datasets.FormatSolomon},
		{"gap/orlib/gap1.txt", datasets.FormatORLibGAP},
		{"gap/orlib/gapd.txt", datasets.FormatORLibGAP},
		{"gap/instances/yagiura2004/e05100", datasets.FormatGAP},
		{"picker-routing/sprp/instances/unit_F1_m5_C30_a3_0.txt", datasets.FormatSPRP},
		{"pdptw/li-lim/pdp_100/lc104.txt", datasets.FormatLiLim},
		{"pdptw/li-lim/pdp_100/lrc208.txt", datasets.FormatLiLim},
		{"pdptw/li-lim/solutions/lr201.4_1253.234.txt", datasets.FormatSINTEF},
	}
	shared(t)
	for _, c := range cases {
		path := filepath.Join(sharedDir, c.path)
		if _, err := os.Stat(path); err != nil {
			t.Errorf("%s: %v", c.path, err)
			continue
		}
		got, err := datasets.DetectFile(path)
		if err != nil || got != c.want {
			t.Errorf("DetectFile(%s) = %v, %v; want %v", c.path, got, err, c.want)
		}
	}
}
