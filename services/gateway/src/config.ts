import { BaseConfig } from '@pasar/service-kit';

export const Config = BaseConfig;
export type Config = typeof Config._output;
