/** The messages the simulated VPP implements (memclnt is the protocol server's). */
export * from './vpp.js';
