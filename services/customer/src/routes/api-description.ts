import {
  AddressList,
  AddressParams,
  AddressRequest,
  CustomerAccount,
  getCustomer,
  LoginRequest,
  LoginResponse,
  RegisterCustomerRequest,
  SavedAddress,
  UpdateProfileRequest,
} from '@pasar/contracts';
import { rpcOperation, type ApiDescription, type ApiResponse } from '@pasar/service-kit';

const databaseDown: Record<number, ApiResponse> = { 503: { description: 'The customer database is unavailable' } };
const noCustomer: Record<number, ApiResponse> = { 404: { description: 'No such customer' } };
const noAddress: Record<number, ApiResponse> = { 404: { description: "No such address among the caller's" } };
const tags = ['customers'];

/** What the customer service answers, with the schemas its routes parse with. */
export const customerApi: ApiDescription = {
  title: 'customer',
  version: '1.0.0',
  operations: [
    {
      method: 'POST',
      path: '/customers',
      summary: 'Register a customer',
      tags,
      body: RegisterCustomerRequest,
      responses: {
        201: { description: 'The new account', schema: CustomerAccount },
        409: { description: 'The email is taken' },
        ...databaseDown,
      },
    },
    {
      method: 'POST',
      path: '/customers/login',
      summary: 'Log in: a bearer token',
      tags,
      body: LoginRequest,
      responses: {
        200: { description: 'A signed JWT', schema: LoginResponse },
        401: { description: 'The email or password is incorrect' },
        ...databaseDown,
      },
    },
    {
      method: 'GET',
      path: '/customers/me',
      summary: "The caller's account",
      tags,
      caller: true,
      responses: { 200: { description: 'The account', schema: CustomerAccount }, ...noCustomer, ...databaseDown },
    },
    {
      method: 'PATCH',
      path: '/customers/me',
      summary: "Change the caller's name or locale",
      description: 'Give at least one of name, locale.',
      tags,
      caller: true,
      body: UpdateProfileRequest,
      responses: { 200: { description: 'The changed account', schema: CustomerAccount }, ...noCustomer, ...databaseDown },
    },
    {
      method: 'GET',
      path: '/customers/me/addresses',
      summary: "The caller's addresses, the default first",
      tags,
      caller: true,
      responses: { 200: { description: 'The addresses', schema: AddressList }, ...databaseDown },
    },
    {
      method: 'POST',
      path: '/customers/me/addresses',
      summary: 'Add an address',
      tags,
      caller: true,
      body: AddressRequest,
      responses: { 201: { description: 'The saved address', schema: SavedAddress }, ...noCustomer, ...databaseDown },
    },
    {
      method: 'PUT',
      path: '/customers/me/addresses/:addressId',
      summary: 'Replace an address',
      tags,
      caller: true,
      params: AddressParams,
      body: AddressRequest,
      responses: { 200: { description: 'The saved address', schema: SavedAddress }, ...noAddress, ...databaseDown },
    },
    {
      method: 'DELETE',
      path: '/customers/me/addresses/:addressId',
      summary: 'Remove an address',
      tags,
      caller: true,
      params: AddressParams,
      responses: { 204: { description: 'Removed' }, ...noAddress, ...databaseDown },
    },
    rpcOperation(getCustomer, 'A customer, for other services', { ...noCustomer, ...databaseDown }),
  ],
};
