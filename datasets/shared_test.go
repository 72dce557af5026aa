package datasets_test

import (
	"math"
	"os"
	"path/filepath"
	"testing"
)

// sharedDir is the benchmark collection beside the repository
// (/work/shared/datasets when the repo is /work/main).
const sharedDir = "../../shared/datasets"

// shared returns the path of a directory in the shared collection, or skips
// the test when the collection is absent.
func shared(t *testing.T, parts ...string) string {
	t.Helper()
	p := filepath.Join(append([]string{sharedDir}, parts...)...)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("shared datasets not found at %s: %v", p, err)
	}
	return p
}

// glob lists files matching pattern in dir and fails when there are not
// exactly want of them.
func glob(t *testing.T, dir, pattern string, want int) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, pattern))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != want {
		t.Fatalf("%s/%s: got %d files, want %d", dir, pattern, len(files), want)
	}
	return files
}

// decimals returns how many decimals x was written with (up to 6).
func decimals(x float64) int {
	for k := range 7 {
		p := math.Pow(10, float64(k))
		if math.Abs(math.Round(x*p)/p-x) < 1e-9 {
			return k
		}
	}
	return 6
}

// roundTo rounds x to k decimals.
func roundTo(x float64, k int) float64 {
	p := math.Pow(10, float64(k))
	return math.Round(x*p) / p
}
