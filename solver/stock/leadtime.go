package stock

import "math"

// Lead-time demand. With daily demand of mean d and standard deviation σ_d
// and a lead time of mean L and standard deviation σ_L (independent), the
// demand over the lead time has mean d·L and variance L·σ_d² + d²·σ_L².
// Under periodic review every R periods the protection interval is R+L, so
// its variance is (R+L)·σ_d² + d²·σ_L².

// protection returns the mean and standard deviation of demand over a
// protection interval of review r plus lead time l (lead-time sd sl).
func protection(d, sd, r, l, sl float64) (mean, sigma float64) {
	t := r + l
	return d * t, math.Sqrt(t*sd*sd + d*d*sl*sl)
}

type leadTimeDemandIn struct {
	D      float64 `json:"d"`
	SigmaD float64 `json:"sigma_d"`
	L      float64 `json:"L"`
	SigmaL float64 `json:"sigma_L,omitempty"`
	R      float64 `json:"R,omitempty"`
}

type leadTimeDemandResult struct {
	Mean  float64 `json:"mean"`
	Sigma float64 `json:"sigma"`
}

func (in *leadTimeDemandIn) validate(c *check) {
	c.nonneg("d", in.D)
	c.nonneg("sigma_d", in.SigmaD)
	c.nonneg("L", in.L)
	c.nonneg("sigma_L", in.SigmaL)
	c.nonneg("R", in.R)
}

func leadTimeDemand(in *leadTimeDemandIn) (*leadTimeDemandResult, error) {
	var c check
	in.validate(&c)
	if err := c.err(); err != nil {
		return nil, err
	}
	m, s := protection(in.D, in.SigmaD, in.R, in.L, in.SigmaL)
	return &leadTimeDemandResult{Mean: m, Sigma: s}, nil
}
