export type { BridgeContext, BridgeEffect, BridgeEvent, BridgeInput, BridgeState } from './bridgeMachine.js';
export { bridgeMachine } from './bridgeMachine.js';
export type { BrokerContext, BrokerEffect, BrokerEvent, BrokerInput, BrokerState } from './brokerMachine.js';
export { brokerMachine } from './brokerMachine.js';
export type {
  FailoverContext,
  FailoverEffect,
  FailoverEvent,
  FailoverInput,
  FailoverState,
} from './failoverMachine.js';
export { failoverMachine } from './failoverMachine.js';
