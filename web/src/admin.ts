// The admin page (being built).
export {};
