/** @parley/shared: the contract every part of Parley speaks. */
export * from './errors';
export * from './events';
export * from './bridge';
export * from './schemas/common';
export * from './schemas/message';
export * from './schemas/conversation';
export * from './schemas/agent';
export * from './schemas/site';
export * from './schemas/site-settings';
export * from './schemas/department';
export * from './schemas/canned-reply';
export * from './schemas/ticket';
export * from './schemas/opening-hours';
export * from './schemas/visitor';
export * from './schemas/analytics';
export * from './validation';
export * from './schemas/knowledge-base';
