// Package deploy holds no code: it is the container image (Dockerfile) and
// the Kubernetes manifests (k8s/) of fulfil, with a test that parses every
// manifest and checks that they fit together and fit the binary: probes on
// the served health routes, flags that serve and worker define, the
// Service and autoscalers aimed at the Deployments, and the autoscaler's
// metric exported by the server. README.md says how to deploy.
package deploy
