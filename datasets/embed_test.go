package datasets_test

import (
	"bytes"
	"slices"
	"testing"

	"fulfil/datasets"
	"fulfil/geo"
)

// TestSamples detects and reads every embedded sample with its reader and
// rechecks the published optima of the two solutions.
func TestSamples(t *testing.T) {
	want := []string{"A-n32-k5.sol", "A-n32-k5.vrp", "C101.sol", "C101.txt", "P-n16-k8.vrp", "gap1-0", "unit_F1_m5_C30_a3_0.txt"}
	if got := datasets.Samples(); !slices.Equal(got, want) {
		t.Fatalf("Samples() = %v, want %v", got, want)
	}
	formats := map[string]datasets.Format{}
	for _, name := range want {
		b, err := datasets.Sample(name)
		if err != nil {
			t.Fatal(err)
		}
		f := datasets.Detect(b)
		formats[name] = f
		r := bytes.NewReader(b)
		switch f {
		case datasets.FormatVRPLIB:
			_, err = datasets.ReadVRPLIB(r, name)
		case datasets.FormatSolomon:
			_, err = datasets.ReadSolomon(r, name)
		case datasets.FormatGAP:
			_, err = datasets.ReadGAP(r, name)
		case datasets.FormatSPRP:
			_, err = datasets.ReadSPRP(r, name)
		case datasets.FormatSolution:
			_, err = datasets.ReadSolution(r, name)
		default:
			t.Errorf("%s: detected %v", name, f)
		}
		if err != nil {
			t.Errorf("%s (%v): %v", name, f, err)
		}
	}
	if formats["gap1-0"] != datasets.FormatGAP || formats["C101.txt"] != datasets.FormatSolomon ||
		formats["unit_F1_m5_C30_a3_0.txt"] != datasets.FormatSPRP || formats["A-n32-k5.vrp"] != datasets.FormatVRPLIB {
		t.Errorf("formats: %v", formats)
	}
	if _, err := datasets.Sample("../doc.go"); err == nil {
		t.Error("Sample(../doc.go): got no error")
	}
	if _, err := datasets.Sample("nope.vrp"); err == nil {
		t.Error("Sample(nope.vrp): got no error")
	}
	b, _ := datasets.Sample("A-n32-k5.vrp")
	v, _ := datasets.ReadVRPLIB(bytes.NewReader(b), "A-n32-k5.vrp")
	b, _ = datasets.Sample("A-n32-k5.sol")
	sol, _ := datasets.ReadSolution(bytes.NewReader(b), "A-n32-k5.sol")
	if cost, err := v.Check(sol, geo.Nint); err != nil || cost != 784 {
		t.Errorf("A-n32-k5: %v, %v; want 784", cost, err)
	}
}
