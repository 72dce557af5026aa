package wave_test

import (
	"sync"
	"testing"

	"fulfil/solver/wave"
)

var sprpOnce struct {
	sync.Once
	cases []sprpCase
}

// BenchmarkRouteOptimal routes the SPRP instances in turn, one per
// iteration, with the exact router (validation, compilation and the walk
// included): ns/op is the mean time per instance.
func BenchmarkRouteOptimal(b *testing.B) {
	sprpOnce.Do(func() { sprpOnce.cases = loadSPRP(b) })
	cases := sprpOnce.cases
	if len(cases) == 0 {
		b.Skip("no SPRP instances")
	}
	for _, two := range []bool{false, true} {
		name := "single-block"
		if two {
			name = "two-block"
		}
		layouts := make([]*wave.Layout, len(cases))
		for i, c := range cases {
			layouts[i] = sprpLayout(c.inst, two)
		}
		for _, pol := range wave.Policies() {
			b.Run(name+"/"+string(pol), func(b *testing.B) {
				var w wave.Router
				b.ReportAllocs()
				i := 0
				for b.Loop() {
					if _, err := w.Route(layouts[i], cases[i].picks, pol); err != nil {
						b.Fatal(err)
					}
					i++
					if i == len(cases) {
						i = 0
					}
				}
			})
		}
	}
}
