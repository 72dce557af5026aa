package stock

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

func TestGammaQuantileMatchesGonum(t *testing.T) {
	for _, a := range []float64{0.5, 0.8, 1, 2.5, 10, 100, 1e4} {
		for _, p := range []float64{1e-6, 0.01, 0.3, 0.5, 0.9, 0.95, 0.999, 1 - 1e-9} {
			g := Gamma{Shape: a, Scale: 3}
			got := g.Quantile(p)
			want := distuv.Gamma{Alpha: a, Beta: 1.0 / 3}.Quantile(p)
			if math.Abs(got-want) > 1e-9*math.Max(1, want) {
				t.Errorf("a=%g p=%g: got %.15g, want %.15g", a, p, got, want)
			}
			if math.Abs(g.CDF(got)-p) > 1e-12 {
				t.Errorf("a=%g p=%g: CDF(quantile) = %.15g", a, p, g.CDF(got))
			}
		}
	}
}
