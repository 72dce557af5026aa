package server

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"sync"
	"testing"
	"time"

	"fulfil/solver/vrp"
)

// matrixRequest returns a routing request with explicit n×n distance and
// duration matrices (one depot, n-1 stops), as the 1,000 × 1,000 load case.
func matrixRequest(n int) []byte {
	r := rand.New(rand.NewPCG(1, 2))
	type pt struct{ x, y float64 }
	pts := make([]pt, n)
	for i := range pts {
		pts[i] = pt{r.Float64() * 20000, r.Float64() * 20000}
	}
	dist, dur := make([][]float64, n), make([][]float64, n)
	for i := range n {
		dist[i], dur[i] = make([]float64, n), make([]float64, n)
		for j := range n {
			d := math.Round(math.Hypot(pts[i].x-pts[j].x, pts[i].y-pts[j].y)*13) / 10
			dist[i][j], dur[i][j] = d, math.Round(d/8.3*10)/10
		}
	}
	req := VRPRequest{Options: VRPOptions{Options: vrp.Options{Method: "savings"}}}
	zero := 0
	req.Input.Depots = []vrp.Depot{{ID: "d", MatrixIndex: &zero}}
	req.Input.Vehicles = []vrp.Vehicle{{ID: "v", StartDepot: "d", Capacity: vrp.Load{Units: 50}}}
	for i := 1; i < n; i++ {
		req.Input.Stops = append(req.Input.Stops, vrp.Stop{ID: fmt.Sprintf("s%d", i), MatrixIndex: &i, Demand: vrp.Load{Units: 1}})
	}
	req.Input.Profiles = []vrp.Profile{{ID: "road", DistanceM: dist, DurationS: dur}}
	b, err := json.Marshal(req)
	if err != nil {
		panic(err)
	}
	return b
}

var benchBodies = sync.OnceValue(func() map[string][]byte {
	return map[string][]byte{"n=1000": matrixRequest(1000), "n=100": matrixRequest(100)}
})

// BenchmarkDecodeMatrix measures the strict decode of a routing request
// with explicit matrices; MB/s is the decode speed.
func BenchmarkDecodeMatrix(b *testing.B) {
	c := newCodec()
	for _, name := range []string{"n=100", "n=1000"} {
		body := benchBodies()[name]
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				var req VRPRequest
				if err := c.decode(body, &req, ""); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkPrepareVRP20 measures decoding and checking a 20-stop routing
// request, the handler's work before the solve.
func BenchmarkPrepareVRP20(b *testing.B) {
	s, err := New(DefaultConfig())
	if err != nil {
		b.Fatal(err)
	}
	body := readFixture(b, "vrp_small.json")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := prepareVRP(s, body, "", "", time.Second); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkArrayCheck measures the scan for fixed-size arrays of the wrong
// length that follows every decode (see arrayCheck), to compare with
// BenchmarkDecodeMatrix.
func BenchmarkArrayCheck(b *testing.B) {
	c := newCodec()
	body := benchBodies()["n=1000"]
	t := reflect.TypeFor[VRPRequest]()
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if err := c.arrays.check(body, t, ""); err != nil {
			b.Fatal(err)
		}
	}
}
