package datasets_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"fulfil/datasets"
	"fulfil/geo"
)

// readShared returns a file of the shared collection, or skips.
func readShared(b *testing.B, parts ...string) []byte {
	b.Helper()
	p := filepath.Join(append([]string{sharedDir}, parts...)...)
	data, err := os.ReadFile(p)
	if err != nil {
		b.Skipf("shared datasets not found: %v", err)
	}
	return data
}

func BenchmarkReadVRPLIB(b *testing.B) {
	data := readShared(b, "cvrplib", "X", "X-n1001-k43.vrp")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := datasets.ReadVRPLIB(bytes.NewReader(data), "X-n1001-k43.vrp"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkVRPLIBDistances(b *testing.B) {
	data := readShared(b, "cvrplib", "X", "X-n1001-k43.vrp")
	v, err := datasets.ReadVRPLIB(bytes.NewReader(data), "X-n1001-k43.vrp")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		v.Distances(geo.Nint)
	}
}

func BenchmarkReadGAP(b *testing.B) {
	data := readShared(b, "gap", "instances", "yagiura2004", "d801600")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := datasets.ReadGAP(bytes.NewReader(data), "d801600"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReadSolomon(b *testing.B) {
	data := readShared(b, "solomon", "gh400", "rc2_4_10.txt")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := datasets.ReadSolomon(bytes.NewReader(data), "rc2_4_10.txt"); err != nil {
			b.Fatal(err)
		}
	}
}
