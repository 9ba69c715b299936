// The answers' rules moved to lib/programs/answers.ts, shared with the cadre's form for a
// household's behalf (代办); the resident's routes keep importing them from here.
export * from '@/lib/programs/answers';
