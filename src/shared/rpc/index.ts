export * from './protocol';
export * from './transport';
export * from './client';
export * from './server';
export * from './memoryTransport';
export * from './bridge';
