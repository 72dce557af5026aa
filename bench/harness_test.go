package bench

import (
	"bytes"
	"context"
	"errors"
	"math"
	"os"
	"regexp"
	"strings"
	"testing"
)

const shared = "../../shared/datasets"

func TestRunAndSummary(t *testing.T) {
	set := &Set{
		Name: "toy", Kind: KindCVRP,
		Instances: []Instance{
			{Name: "a", BKS: 100},
			{Name: "b", BKS: 200},
			{Name: "c", BKS: math.NaN()},
			{Name: "skip-me", BKS: 1},
			{Name: "d", BKS: 50},
		},
		Runner: func(ctx context.Context, inst Instance, opt Options) (Result, error) {
			switch inst.Name {
			case "a":
				return Result{Cost: 100, Feasible: true}, nil
			case "b":
				return Result{Cost: 210, Feasible: true}, nil
			case "c":
				return Result{Cost: 7, Feasible: true}, nil
			}
			return Result{}, errors.New("boom")
		},
	}
	rep, err := Run(context.Background(), set, Options{Filter: regexp.MustCompile(`^[a-d]$`)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	s := rep.Summary()
	if s.Instances != 4 || s.Feasible != 3 || s.AtBKS != 1 {
		t.Errorf("counts: got %+v", s)
	}
	// Gaps over feasible results with a BKS: a 0 %, b 5 %.
	if math.Abs(s.MeanGapPct-2.5) > 1e-12 || math.Abs(s.MaxGapPct-5) > 1e-12 || s.Worst != "b" {
		t.Errorf("gaps: got mean %v max %v worst %q, want 2.5, 5, b", s.MeanGapPct, s.MaxGapPct, s.Worst)
	}
	var md, csv, js bytes.Buffer
	if err := rep.Markdown(&md); err != nil {
		t.Fatal(err)
	}
	if err := rep.CSV(&csv); err != nil {
		t.Fatal(err)
	}
	if err := rep.JSON(&js); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"| b | 0 | 200.00 | 210.00 | 5.000 |", "error: boom", "mean gap 2.500 %"} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("markdown lacks %q:\n%s", want, md.String())
		}
	}
	if !strings.Contains(js.String(), `"gap_pct": null`) || strings.Contains(js.String(), "NaN") {
		t.Errorf("JSON must write unknown gaps as null:\n%s", js.String())
	}
	if n := strings.Count(csv.String(), "\n"); n != 5 {
		t.Errorf("CSV: got %d lines, want header + 4", n)
	}
}

func TestOpenSharedSets(t *testing.T) {
	if _, err := os.Stat(shared); err != nil {
		t.Skipf("benchmark sets absent at %s", shared)
	}
	tests := []struct {
		dir      string
		twoBlock bool
		kind     Kind
		n        int
		first    string
	}{
		{"cvrplib/X", false, KindCVRP, 100, "X-n101-k25"},
		{"cvrplib/CMT", false, KindCVRP, 14, "CMT1"},
		{"solomon", false, KindVRPTW, 56, "C101"},
		{"solomon/gh200", false, KindVRPTW, 60, "c1_2_1"},
		{"gap", false, KindGAP, 117, "cattrysse1994/gap1-0"},
		{"picker-routing/sprp", false, KindSPRP, 2400, ""},
		{"picker-routing/sprp", true, KindSPRP, 2400, ""},
	}
	for _, tc := range tests {
		t.Run(tc.dir, func(t *testing.T) {
			set, err := Open(shared+"/"+tc.dir, tc.twoBlock)
			if err != nil {
				t.Fatal(err)
			}
			if set.Kind != tc.kind || len(set.Instances) != tc.n {
				t.Fatalf("got %s with %d instances, want %s with %d", set.Kind, len(set.Instances), tc.kind, tc.n)
			}
			for _, inst := range set.Instances {
				if math.IsNaN(inst.BKS) || inst.BKS <= 0 {
					t.Errorf("%s: no best-known value", inst.Name)
				}
			}
			if tc.first != "" && set.Instances[0].Name != tc.first {
				t.Errorf("first instance: got %s, want %s", set.Instances[0].Name, tc.first)
			}
		})
	}
}

// TestRunnersReachKnownOptima runs each runner on one small instance of
// each kind whose optimum is published.
func TestRunnersReachKnownOptima(t *testing.T) {
	if _, err := os.Stat(shared); err != nil {
		t.Skipf("benchmark sets absent at %s", shared)
	}
	tests := []struct {
		dir, filter string
		twoBlock    bool
	}{
		{"cvrplib/P", `^P-n16-k8$`, false},
		{"gap", `^cattrysse1994/gap1-0$`, false},
		{"picker-routing/sprp", `^unit_F1_m5_C30_a3_0\.txt$`, false},
		{"picker-routing/sprp", `^unit_F1_m5_C30_a3_0\.txt$`, true},
	}
	for _, tc := range tests {
		t.Run(tc.dir+tc.filter, func(t *testing.T) {
			set, err := Open(shared+"/"+tc.dir, tc.twoBlock)
			if err != nil {
				t.Fatal(err)
			}
			rep, err := Run(context.Background(), set, Options{Filter: regexp.MustCompile(tc.filter), TimeLimit: 1e9}, nil)
			if err != nil {
				t.Fatal(err)
			}
			r := rep.Results[0]
			if !r.Feasible || r.Cost != r.BKS {
				t.Errorf("got %+v, want a feasible result at the optimum", r)
			}
		})
	}
}

// TestCompareReports writes a report as JSON, reads it back as the
// earlier run and compares a later one with it.
func TestCompareReports(t *testing.T) {
	before := &Report{Set: "s", Results: []Result{
		{Instance: "a", BKS: 100, Cost: 110, GapPct: 10, Feasible: true},
		{Instance: "b", BKS: 200, Cost: 210, GapPct: 5, Feasible: true},
		{Instance: "c", BKS: math.NaN(), Cost: 7, GapPct: math.NaN(), Feasible: true},
	}}
	var js bytes.Buffer
	if err := before.JSON(&js); err != nil {
		t.Fatal(err)
	}
	back, err := ReadReportJSON(&js)
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Results) != 3 || back.Results[1].Cost != 210 || !math.IsNaN(back.Results[2].GapPct) {
		t.Fatalf("read back %+v", back.Results)
	}
	now := &Report{Set: "s", Results: []Result{
		{Instance: "a", BKS: 100, Cost: 105, GapPct: 5, Feasible: true},
		{Instance: "b", BKS: 200, Cost: 220, GapPct: 10, Feasible: true},
		{Instance: "d", BKS: 50, Cost: 50, GapPct: 0, Feasible: true},
	}}
	var md bytes.Buffer
	if err := now.MarkdownCompare(&md, back); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"| a | 100.00 | 110.00 | 105.00 | 10.000 | 5.000 | -5.000 |", "| d | 50.00 | - | 50.00 | - | 0.000 | - |",
		"2 instances in both runs: mean gap 7.500 % before, 7.500 % now; 1 better, 1 worse, 0 equal"} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("comparison lacks %q:\n%s", want, md.String())
		}
	}
	if _, err := ReadReportJSON(strings.NewReader(`{"results": [{"cost": 1}]}`)); err == nil || !strings.Contains(err.Error(), "results[0].instance") {
		t.Errorf("a row without an instance: %v", err)
	}
}
