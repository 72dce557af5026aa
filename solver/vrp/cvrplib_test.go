package vrp_test

import (
	"os"
	"testing"

	"fulfil/datasets"
	"fulfil/solver/vrp"
)

// readCVRPLIB reads a CVRPLIB instance through the product's reader
// (datasets), in its set's distance convention, skipping the test when the
// file is absent.
func readCVRPLIB(t testing.TB, path string) *vrp.Input {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		t.Skipf("instance %s absent: %v", path, err)
	}
	in, err := datasets.ReadVRPInputFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return in
}
