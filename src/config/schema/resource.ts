/** The Kubernetes-style wrapper's apiVersion and kind (a module of its own: loading needs no schema). */
export const API_VERSION = 'vppstate.io/v1alpha1';
export const KIND = 'VppState';
