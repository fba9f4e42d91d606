export declare const installHint: string;
export declare const redisRequired: boolean;
export declare function findRedisServer(): string | undefined;
export declare function redisTestFiles(): string[];
export declare function skippedLine(): string | undefined;
