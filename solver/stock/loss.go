package stock

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// Standard normal density, distribution, quantile and loss functions. The
// first-order loss L(z) = E[(Z-z)+] = φ(z) − z(1−Φ(z)) turns a fill-rate
// target into a safety factor; the second-order loss
// L2(z) = ∫_z^∞ L(t) dt = ½[(z²+1)(1−Φ(z)) − zφ(z)] gives the exact (r,Q)
// cost. Complements: L̄(z) = z + L(z), L̄2(z) = (z²+1)/2 − L2(z).

const invSqrt2Pi = 0.3989422804014327 // 1/√(2π)

func stdPDF(z float64) float64 { return invSqrt2Pi * math.Exp(-z*z/2) }

func stdCDF(z float64) float64 { return 0.5 * math.Erfc(-z/math.Sqrt2) }

// stdSurvival is 1 − Φ(z) without cancellation for large z.
func stdSurvival(z float64) float64 { return 0.5 * math.Erfc(z/math.Sqrt2) }

func stdQuantile(p float64) float64 { return distuv.UnitNormal.Quantile(p) }

func stdLoss(z float64) float64 { return stdPDF(z) - z*stdSurvival(z) }

func stdSecondLoss(z float64) float64 {
	return 0.5 * ((z*z+1)*stdSurvival(z) - z*stdPDF(z))
}

// stdLossInverse returns k with L(k) = g for g > 0, by Newton's method on the
// convex decreasing L (L'(k) = −(1−Φ(k))) safeguarded by bisection.
func stdLossInverse(g float64) float64 {
	lo, hi := -g-1, 40.0 // L(lo) >= -lo > g; L(40) ≈ 0 < g for g >= 1e-300
	k := 0.0
	if g > invSqrt2Pi {
		k = -g
	}
	for range 200 {
		f := stdLoss(k) - g
		if f > 0 {
			lo = k
		} else {
			hi = k
		}
		if math.Abs(f) <= 1e-15*math.Max(1, g) || hi-lo < 1e-15 {
			return k
		}
		next := k + f/stdSurvival(k)
		if !(next > lo && next < hi) {
			next = (lo + hi) / 2
		}
		k = next
	}
	return k
}

// LossPair holds the first-order loss n(x) = E[(X−x)+] and its complement
// n̄(x) = E[(x−X)+].
type LossPair struct {
	Loss      float64 `json:"n"`
	ComplLoss float64 `json:"nbar"`
}

type stdLossIn struct {
	Z []float64 `json:"z"`
}

type stdLossResult struct {
	// LLbar holds [L(z), L̄(z)] for each z.
	LLbar [][2]float64 `json:"L_Lbar"`
}

func standardNormalLoss(in *stdLossIn) (*stdLossResult, error) {
	var c check
	c.finiteAll("z", in.Z)
	if err := c.err(); err != nil {
		return nil, err
	}
	r := &stdLossResult{LLbar: make([][2]float64, len(in.Z))}
	for i, z := range in.Z {
		l := stdLoss(z)
		r.LLbar[i] = [2]float64{l, z + l}
	}
	return r, nil
}

type stdSecondLossIn struct {
	Z float64 `json:"z"`
}

type stdSecondLossResult struct {
	L2    float64 `json:"L2"`
	L2bar float64 `json:"L2bar"`
}

func standardNormalSecondLoss(in *stdSecondLossIn) (*stdSecondLossResult, error) {
	var c check
	c.finite("z", in.Z)
	if err := c.err(); err != nil {
		return nil, err
	}
	l2 := stdSecondLoss(in.Z)
	return &stdSecondLossResult{L2: l2, L2bar: (in.Z*in.Z+1)/2 - l2}, nil
}

type normalLossIn struct {
	X    []float64 `json:"x"`
	Mean []float64 `json:"mean"`
	SD   []float64 `json:"sd"`
}

type lossListResult struct {
	// NNbar holds [n(x), n̄(x)] for each x.
	NNbar [][2]float64 `json:"n_nbar"`
}

func normalLoss(in *normalLossIn) (*lossListResult, error) {
	var c check
	c.finiteAll("x", in.X)
	c.finiteAll("mean", in.Mean)
	for i, s := range in.SD {
		c.positive(fmt.Sprintf("sd[%d]", i), s)
	}
	if len(in.Mean) != len(in.X) {
		c.add("mean", "must have as many entries as x (%d), got %d", len(in.X), len(in.Mean))
	}
	if len(in.SD) != len(in.X) {
		c.add("sd", "must have as many entries as x (%d), got %d", len(in.X), len(in.SD))
	}
	if err := c.err(); err != nil {
		return nil, err
	}
	r := &lossListResult{NNbar: make([][2]float64, len(in.X))}
	for i, x := range in.X {
		d := NewNormal(in.Mean[i], in.SD[i])
		r.NNbar[i] = [2]float64{d.Loss(x), d.ComplLoss(x)}
	}
	return r, nil
}

type poissonLossIn struct {
	X    []float64 `json:"x"`
	Mean []float64 `json:"mean"`
}

func poissonLoss(in *poissonLossIn) (*lossListResult, error) {
	var c check
	c.finiteAll("x", in.X)
	c.nonnegAll("mean", in.Mean)
	if len(in.Mean) != len(in.X) {
		c.add("mean", "must have as many entries as x (%d), got %d", len(in.X), len(in.Mean))
	}
	if err := c.err(); err != nil {
		return nil, err
	}
	r := &lossListResult{NNbar: make([][2]float64, len(in.X))}
	for i, x := range in.X {
		d := NewPoisson(in.Mean[i])
		r.NNbar[i] = [2]float64{d.Loss(x), d.ComplLoss(x)}
	}
	return r, nil
}

type gammaLossIn struct {
	X float64 `json:"x"`
	A float64 `json:"a"` // shape
	B float64 `json:"b"` // scale
}

func gammaLoss(in *gammaLossIn) (*LossPair, error) {
	var c check
	c.finite("x", in.X)
	c.positive("a", in.A)
	c.positive("b", in.B)
	if err := c.err(); err != nil {
		return nil, err
	}
	d := Gamma{Shape: in.A, Scale: in.B}
	return &LossPair{Loss: d.Loss(in.X), ComplLoss: d.ComplLoss(in.X)}, nil
}

// distributionIn asks for the pdf, cdf and loss functions of a distribution
// at points X and its quantiles at probabilities P.
type distributionIn struct {
	distSpec
	X []float64 `json:"x,omitempty"`
	P []float64 `json:"p,omitempty"`
}

type distributionResult struct {
	Mean       float64   `json:"mean"`
	SD         float64   `json:"sd"`
	PDF        []float64 `json:"pdf"`
	CDF        []float64 `json:"cdf"`
	Loss       []float64 `json:"loss"`
	ComplLoss  []float64 `json:"complementary_loss"`
	SecondLoss []float64 `json:"second_loss"`
	Quantile   []float64 `json:"quantile"`
}

func distribution(in *distributionIn) (*distributionResult, error) {
	var c check
	d := in.build(&c)
	c.finiteAll("x", in.X)
	for i, p := range in.P {
		c.open01(fmt.Sprintf("p[%d]", i), p)
	}
	if err := c.err(); err != nil {
		return nil, err
	}
	r := &distributionResult{Mean: d.Mean(), SD: d.StdDev()}
	for _, x := range in.X {
		r.PDF = append(r.PDF, d.PDF(x))
		r.CDF = append(r.CDF, d.CDF(x))
		r.Loss = append(r.Loss, d.Loss(x))
		r.ComplLoss = append(r.ComplLoss, d.ComplLoss(x))
		r.SecondLoss = append(r.SecondLoss, d.SecondLoss(x))
	}
	for _, p := range in.P {
		r.Quantile = append(r.Quantile, d.Quantile(p))
	}
	return r, nil
}
