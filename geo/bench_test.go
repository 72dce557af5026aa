package geo

import (
	"fmt"
	"testing"
)

func BenchmarkHaversine(b *testing.B) {
	for _, n := range []int{200, 2000} {
		pts := cityPoints(n, 1)
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Haversine(pts)
			}
		})
	}
}

func BenchmarkEuclideanNint(b *testing.B) {
	pts := cityPoints(2000, 1)
	b.ReportAllocs()
	for b.Loop() {
		Euclidean(pts, Nint)
	}
}

func BenchmarkNearest(b *testing.B) {
	pts := cityPoints(2000, 1)
	m := Haversine(pts)
	b.Run("matrix/k=20", func(b *testing.B) {
		for b.Loop() {
			Nearest(m, 20)
		}
	})
	b.Run("h3/k=20", func(b *testing.B) {
		for b.Loop() {
			if _, err := NearestH3(pts, 20, 8); err != nil {
				b.Fatal(err)
			}
		}
	})
}
